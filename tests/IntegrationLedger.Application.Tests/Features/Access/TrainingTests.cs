using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Access;

/// <summary>Training completions: recorded by command or by the people template, once each, shown on the person.</summary>
public class TrainingTests
{
    [Test]
    public async Task RecordTraining_TwiceTheSame_IsOneCompletion()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com", "Ana Lima");

        var first = await new RecordTrainingHandler(test.Ledger).HandleAsync(new RecordTraining("ana@example.com", new DateOnly(2026, 6, 1)));
        var again = await new RecordTrainingHandler(test.Ledger).HandleAsync(new RecordTraining("ANA@example.com", new DateOnly(2026, 6, 1)));

        Assert.That((first.AlreadyRecorded, again.AlreadyRecorded), Is.EqualTo((false, true)));
        Assert.That(await test.Ledger.Db.TrainingRecords.CountAsync(), Is.EqualTo(1));
        var shown = await new ShowPersonHandler(test.Ledger).HandleAsync("ana@example.com");
        Assert.That(shown.Training.Single(), Is.EqualTo(new TrainingView(new DateOnly(2026, 6, 1), "Security awareness", "tester")));
    }

    [Test]
    public async Task RecordTraining_InTheFuture_IsRefused()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com", "Ana Lima");

        Assert.ThrowsAsync<DomainException>(() => new RecordTrainingHandler(test.Ledger).HandleAsync(new RecordTraining("ana@example.com", new DateOnly(2027, 1, 1))));
        Assert.That(await test.Ledger.Db.TrainingRecords.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task PeopleTemplate_TrainedOn_RecordsACompletionOnce()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Samples.Write(test, "people.csv", "email,name,trained_on\nana@example.com,Ana Lima,2026-05-04\nben@example.com,Ben Okafor,\n");

        var first = await test.Ledger.ImportInventoryAsync(new Application.Features.Importing.ImportFile("people", path));
        var second = await test.Ledger.ImportInventoryAsync(new Application.Features.Importing.ImportFile("people", path));

        Assert.That((first.Counts.Created, second.Counts.Unchanged), Is.EqualTo((2L, 2L)));
        var training = await test.Ledger.Db.TrainingRecords.SingleAsync();
        Assert.That((training.CompletedOn, training.Course), Is.EqualTo((new DateOnly(2026, 5, 4), "Security awareness")));
    }

    [Test]
    public async Task PeopleTemplate_TrainedOnThatIsNoDate_IsRefusedNamingTheColumn()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Samples.Write(test, "people.csv", "email,name,trained_on\nana@example.com,Ana Lima,last spring\n");

        var result = await test.Ledger.ImportInventoryAsync(new Application.Features.Importing.ImportFile("people", path));

        Assert.That(result.Rejected, Is.True);
        Assert.That(result.Errors.Single().Field, Is.EqualTo("trained_on"));
        Assert.That(await test.Ledger.Db.People.CountAsync(), Is.Zero);
    }
}
