using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Users;

/// <summary>Web accounts: passwords kept only as the framework's hash, password resets, disabling and roles.</summary>
public class UserAccountTests
{
    private const string Password = "correct horse battery staple";

    private static async Task<TestLedger> LedgerWithAccountAsync(UserRole role = UserRole.Officer)
    {
        var test = await TestLedger.CreateAsync();
        await new AddUserHandler(test.Ledger).HandleAsync(new AddUser("Olga@Example.com", role, Password));
        return test;
    }

    private static Task<SignInResult> SignInAsync(TestLedger test, string password) =>
        new SignInHandler(test.Ledger, new SignInThrottle(), new AccessEventLog(test.Clock, (actor, _) => test.OpenAnotherAsync(actor)))
            .HandleAsync(new SignIn("olga@example.com", password, "192.0.2.1"));

    [Test]
    public async Task SignIn_WithTheRightPassword_ReturnsTheAccountAndItsStamp()
    {
        await using var test = await LedgerWithAccountAsync();

        var result = await SignInAsync(test, Password);

        Assert.That(result.Outcome, Is.EqualTo(SignInOutcome.SignedIn));
        Assert.That(result.User!.Email, Is.EqualTo("olga@example.com"));
        Assert.That(await new FindSessionUserHandler(test.Ledger).HandleAsync(result.User.Id, result.SessionStamp!, result.SessionId!.Value), Is.Not.Null);
        Assert.That(await test.Ledger.Db.Users.Select(u => u.LastSignInAt).SingleAsync(), Is.EqualTo(TestLedger.Start.UtcDateTime));
    }

    [Test]
    public async Task ANewPassword_EndsSessions_AndTheOldOneNoLongerWorks()
    {
        await using var test = await LedgerWithAccountAsync();
        var session = await SignInAsync(test, Password);

        await new SetUserPasswordHandler(test.Ledger).HandleAsync(new SetUserPassword("olga@example.com", "a different long passphrase"));

        Assert.That(await new FindSessionUserHandler(test.Ledger).HandleAsync(session.User!.Id, session.SessionStamp!, session.SessionId!.Value), Is.Null, "the old session ends");
        Assert.That((await SignInAsync(test, Password)).Outcome, Is.EqualTo(SignInOutcome.Failed));
        Assert.That((await SignInAsync(test, "a different long passphrase")).Outcome, Is.EqualTo(SignInOutcome.SignedIn));
    }

    [Test]
    public async Task TheOnlyAdmin_CannotLoseTheRole_ButOneOfTwoCan()
    {
        await using var test = await LedgerWithAccountAsync(UserRole.Admin);

        Assert.That(async () => await new ChangeUserRoleHandler(test.Ledger).HandleAsync(new ChangeUserRole("olga@example.com", UserRole.Auditor)),
            Throws.TypeOf<DomainException>().With.Message.Contains("only admin"));

        await new AddUserHandler(test.Ledger).HandleAsync(new AddUser("ben@example.com", UserRole.Admin, Password));
        var changed = await new ChangeUserRoleHandler(test.Ledger).HandleAsync(new ChangeUserRole("olga@example.com", UserRole.Auditor));
        Assert.That(changed.Role, Is.EqualTo(UserRole.Auditor));
    }

    [Test]
    public async Task ThePasswordAndItsHash_NeverReachTheAuditLog()
    {
        await using var test = await LedgerWithAccountAsync();
        await SignInAsync(test, "wrong");
        await new SetUserPasswordHandler(test.Ledger).HandleAsync(new SetUserPassword("olga@example.com", "a different long passphrase"));

        var hash = await test.Ledger.Db.Users.Select(u => u.PasswordHash).SingleAsync();
        var audit = string.Join("\n", await test.Ledger.Db.AuditEntries.Select(e => e.After + e.Before).ToListAsync());
        Assert.That(audit, Does.Not.Contain(Password).And.Not.Contain("a different long passphrase").And.Not.Contain(hash));
        Assert.That(audit, Does.Contain("\"PasswordHash\":\"(changed)\""));
    }

    [Test]
    public async Task ADisabledAccount_CannotSignIn_LosesItsSessions_AndCanBeEnabledAgain()
    {
        await using var test = await LedgerWithAccountAsync();
        var session = await SignInAsync(test, Password);

        await new SetUserEnabledHandler(test.Ledger).HandleAsync(new SetUserEnabled("olga@example.com", Enabled: false));

        Assert.That(await new FindSessionUserHandler(test.Ledger).HandleAsync(session.User!.Id, session.SessionStamp!, session.SessionId!.Value), Is.Null, "its session ends");
        Assert.That((await SignInAsync(test, Password)).Outcome, Is.EqualTo(SignInOutcome.Failed), "answered like a wrong password");
        Assert.That(await test.Ledger.Db.AccessEvents.OrderBy(e => e.OccurredAt).Select(e => e.Detail).LastAsync(), Is.EqualTo("account disabled"));

        await new SetUserEnabledHandler(test.Ledger).HandleAsync(new SetUserEnabled("olga@example.com", Enabled: true));
        Assert.That((await SignInAsync(test, Password)).Outcome, Is.EqualTo(SignInOutcome.SignedIn));
    }

    [Test]
    public async Task TheLastActiveAdmin_CannotBeDisabled_NorDemotedWhileTheOtherIsDisabled()
    {
        await using var test = await LedgerWithAccountAsync(UserRole.Admin);
        await new AddUserHandler(test.Ledger).HandleAsync(new AddUser("ben@example.com", UserRole.Admin, Password));
        await new SetUserEnabledHandler(test.Ledger).HandleAsync(new SetUserEnabled("ben@example.com", Enabled: false));

        Assert.That(async () => await new SetUserEnabledHandler(test.Ledger).HandleAsync(new SetUserEnabled("olga@example.com", Enabled: false)),
            Throws.TypeOf<DomainException>().With.Message.Contains("only active admin"));
        Assert.That(async () => await new ChangeUserRoleHandler(test.Ledger).HandleAsync(new ChangeUserRole("olga@example.com", UserRole.Officer)),
            Throws.TypeOf<DomainException>().With.Message.Contains("only admin"));
    }

    [TestCase("short")]
    [TestCase("")]
    public async Task AShortPassword_IsRefused(string password)
    {
        await using var test = await TestLedger.CreateAsync();

        Assert.That(async () => await new AddUserHandler(test.Ledger).HandleAsync(new AddUser("olga@example.com", UserRole.Officer, password)),
            Throws.TypeOf<FluentValidation.ValidationException>().With.Message.Contains("12 characters"));
        Assert.That(await test.Ledger.Db.Users.CountAsync(), Is.Zero);
    }

    [Test]
    public void RequestsWithAPassword_DoNotPrintIt()
    {
        Assert.That(new AddUser("o@example.com", UserRole.Admin, Password).ToString(), Does.Not.Contain(Password));
        Assert.That(new SignIn("o@example.com", Password, null).ToString(), Does.Not.Contain(Password));
        Assert.That(new SetUserPassword("o@example.com", Password).ToString(), Does.Not.Contain(Password));
    }
}
