using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.People;

namespace IntegrationLedger.Domain.Tests.People;

public class PersonTests
{
    [Test]
    public void Constructor_MixedCaseEmail_StoresItLowerCase()
    {
        var person = new Person(" Ana.Lima@Example.COM ", "Ana Lima", "Sales", TestClock.StartUtc);

        Assert.That(person.Email, Is.EqualTo("ana.lima@example.com"));
        Assert.That(person.Status, Is.EqualTo(PersonStatus.Active));
    }

    [Test]
    public void Offboard_ActivePerson_RecordsDepartureDate()
    {
        var person = new Person("ana@example.com", "Ana Lima", null, TestClock.StartUtc);

        person.Offboard(new DateOnly(2026, 9, 30));

        Assert.That(person.Status, Is.EqualTo(PersonStatus.Departed));
        Assert.That(person.DepartedOn, Is.EqualTo(new DateOnly(2026, 9, 30)));
    }

    [Test]
    public void Offboard_AlreadyDeparted_Throws()
    {
        var person = new Person("ana@example.com", "Ana Lima", null, TestClock.StartUtc);
        person.Offboard(new DateOnly(2026, 9, 30));

        Assert.That(() => person.Offboard(new DateOnly(2026, 10, 1)), Throws.TypeOf<DomainException>().With.Message.Contains("already offboarded"));
    }

    [Test]
    public void EnsureCanBeGivenNewTokens_Departed_Throws()
    {
        var person = new Person("ana@example.com", "Ana Lima", null, TestClock.StartUtc);
        Assert.That(person.EnsureCanBeGivenNewTokens, Throws.Nothing);

        person.Offboard(new DateOnly(2026, 9, 30));

        Assert.That(person.EnsureCanBeGivenNewTokens, Throws.TypeOf<DomainException>().With.Message.Contains("cannot be given new tokens"));
    }

    [Test]
    public void Constructor_LocalTime_IsRefused()
    {
        Assert.That(() => new Person("ana@example.com", "Ana", null, new DateTime(2026, 7, 1, 9, 0, 0, DateTimeKind.Local)), Throws.ArgumentException);
    }
}
