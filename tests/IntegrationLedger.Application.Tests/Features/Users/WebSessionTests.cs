using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Users;

namespace IntegrationLedger.Application.Tests.Features.Users;

/// <summary>Each sign-in starts a session of its own; signing out ends that one and no other.</summary>
public class WebSessionTests
{
    private const string Password = "correct horse battery staple";

    private static Task<SignInResult> SignInAsync(TestLedger test, SignIn request) =>
        new SignInHandler(test.Ledger, new SignInThrottle(), new AccessEventLog(test.Clock, (actor, _) => test.OpenAnotherAsync(actor))).HandleAsync(request);

    [Test]
    public async Task SignOut_EndsThatSession_AndNotTheAccountsOthers()
    {
        await using var test = await TestLedger.CreateAsync();
        await new AddUserHandler(test.Ledger).HandleAsync(new AddUser("olga@example.com", UserRole.Officer, Password));
        var laptop = await SignInAsync(test, new SignIn("olga@example.com", Password, "192.0.2.1"));
        var phone = await SignInAsync(test, new SignIn("olga@example.com", Password, "192.0.2.2"));

        await new SignOutHandler(test.Ledger).HandleAsync(new SignOut("olga@example.com", laptop.SessionId!.Value, "192.0.2.1"));

        Assert.That(laptop.SessionId, Is.Not.EqualTo(phone.SessionId));
        Assert.That(await new FindSessionUserHandler(test.Ledger).HandleAsync(laptop.User!.Id, laptop.SessionStamp!, laptop.SessionId.Value), Is.Null, "the laptop's session ended");
        Assert.That(await new FindSessionUserHandler(test.Ledger).HandleAsync(phone.User!.Id, phone.SessionStamp!, phone.SessionId!.Value), Is.Not.Null, "the phone's did not");
    }

    [Test]
    public async Task ASessionOfAnotherAccount_DoesNotStandForThisOne()
    {
        await using var test = await TestLedger.CreateAsync();
        await new AddUserHandler(test.Ledger).HandleAsync(new AddUser("olga@example.com", UserRole.Officer, Password));
        await new AddUserHandler(test.Ledger).HandleAsync(new AddUser("ivan@example.com", UserRole.Admin, Password));
        var olga = await SignInAsync(test, new SignIn("olga@example.com", Password, null));
        var ivan = await SignInAsync(test, new SignIn("ivan@example.com", Password, null));

        var mixed = await new FindSessionUserHandler(test.Ledger).HandleAsync(ivan.User!.Id, ivan.SessionStamp!, olga.SessionId!.Value);

        Assert.That(mixed, Is.Null);
    }
}
