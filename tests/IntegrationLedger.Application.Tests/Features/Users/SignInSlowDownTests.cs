using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Users;

/// <summary>
/// Failed sign-ins slow guessing, per account and per address, without locking anyone out: waits that double and
/// stop growing, attempts during a wait left unchecked, the owner let through from an address they used, the
/// admins told. On a real ledger, with the test clock.
/// </summary>
public class SignInSlowDownTests
{
    private const string Password = "correct horse battery staple";
    private const string Olga = "olga@example.com";

    private TestLedger _test = null!;
    private SignInThrottle _throttle = null!;
    private AccessEventLog _accessEvents = null!;
    private int _freshAddresses;

    [SetUp]
    public async Task Start()
    {
        _test = await TestLedger.CreateAsync();
        await new AddUserHandler(_test.Ledger).HandleAsync(new AddUser(Olga, UserRole.Officer, Password));
        _throttle = new SignInThrottle();
        _accessEvents = new AccessEventLog(_test.Clock, (actor, _) => _test.OpenAnotherAsync(actor));
    }

    [TearDown]
    public async Task Stop() => await _test.DisposeAsync();

    private async Task<SignInOutcome> AttemptAsync(string email, string password, string address) =>
        (await new SignInHandler(_test.Ledger, _throttle, _accessEvents).HandleAsync(new SignIn(email, password, address))).Outcome;

    /// <summary>An address that has never signed in to anything, and has failed nothing: someone new each time.</summary>
    private string FreshAddress() => $"203.0.113.{++_freshAddresses}";

    private async Task FailAsync(int times, string email = Olga)
    {
        for (var i = 0; i < times; i++)
            Assert.That(await AttemptAsync(email, "wrong guess", FreshAddress()), Is.EqualTo(SignInOutcome.Failed));
    }

    [Test]
    public async Task WaitsAfterFailures_Double_AndStopGrowingAtTheCap()
    {
        await FailAsync(SignInThrottle.PerAccount.FreeFailures - 1);
        Assert.That(await AttemptAsync(Olga, Password, FreshAddress()), Is.EqualTo(SignInOutcome.SignedIn), "four failures cost nothing");

        var waits = new List<double>();
        for (var failure = SignInThrottle.PerAccount.FreeFailures; failure < SignInThrottle.PerAccount.FreeFailures + 12; failure++)
        {
            await FailAsync(1);
            var wait = SignInThrottle.PerAccount.WaitAfter(failure);
            _test.Clock.Advance(wait - TimeSpan.FromMilliseconds(1));
            Assert.That(await AttemptAsync(Olga, Password, FreshAddress()), Is.EqualTo(SignInOutcome.Failed), $"after failure {failure}, even the right password waits");
            _test.Clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.That(await AttemptAsync(Olga, Password, FreshAddress()), Is.EqualTo(SignInOutcome.SignedIn), $"after failure {failure}, the wait is over");
            waits.Add(wait.TotalSeconds);
        }

        Assert.That(waits, Is.EqualTo(new double[] { 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900 }));
    }

    [Test]
    public async Task AttemptsDuringAWait_AreNotChecked_NorCounted_SoTheWaitDoesNotGrow()
    {
        await FailAsync(SignInThrottle.PerAccount.FreeFailures);

        for (var i = 0; i < 20; i++)
            Assert.That(await AttemptAsync(Olga, i % 2 == 0 ? "wrong guess" : Password, FreshAddress()), Is.EqualTo(SignInOutcome.Failed));
        _test.Clock.Advance(SignInThrottle.PerAccount.WaitAfter(SignInThrottle.PerAccount.FreeFailures));

        Assert.That(await AttemptAsync(Olga, Password, FreshAddress()), Is.EqualTo(SignInOutcome.SignedIn), "the wait is still the first one, not twenty doublings longer");
        Assert.That(await _test.Ledger.Db.AccessEvents.Where(e => e.Kind == AccessEventKind.SignInWhileLockedOut).Select(e => e.Detail).FirstAsync(), Does.EndWith("not checked"));
    }

    [Test]
    public async Task TheOwner_FromAnAddressTheySignedInFrom_PassesTheAccountsWait_AStrangerWithThePasswordDoesNot()
    {
        const string olgasDesk = "192.0.2.1";
        Assert.That(await AttemptAsync(Olga, Password, olgasDesk), Is.EqualTo(SignInOutcome.SignedIn));
        _test.Clock.Advance(TimeSpan.FromDays(29));

        await FailAsync(30);

        Assert.That(await AttemptAsync(Olga, Password, FreshAddress()), Is.EqualTo(SignInOutcome.Failed), "the account waits");
        Assert.That(await AttemptAsync(Olga, Password, olgasDesk), Is.EqualTo(SignInOutcome.SignedIn), "but not for its owner at their desk");
        Assert.That(await AttemptAsync(Olga, "a wrong guess from the desk", olgasDesk), Is.EqualTo(SignInOutcome.Failed), "the desk still needs the password");
    }

    [Test]
    public async Task AnAddressTheOwnerLastUsedLongAgo_NoLongerPassesTheWait()
    {
        const string oldDesk = "192.0.2.1";
        Assert.That(await AttemptAsync(Olga, Password, oldDesk), Is.EqualTo(SignInOutcome.SignedIn));
        _test.Clock.Advance(SignInHandler.UsualAddressFor + TimeSpan.FromDays(1));

        await FailAsync(SignInThrottle.PerAccount.FreeFailures);

        Assert.That(await AttemptAsync(Olga, Password, oldDesk), Is.EqualTo(SignInOutcome.Failed));
    }

    [Test]
    public async Task OneAddressGuessingAtManyAccounts_IsSlowed_WhateverTheNames()
    {
        const string sprayer = "198.51.100.1";
        for (var i = 0; i < SignInThrottle.PerAddress.FreeFailures; i++)
            Assert.That(await AttemptAsync($"name{i}@example.com", "wrong guess", sprayer), Is.EqualTo(SignInOutcome.Failed));

        Assert.That(await AttemptAsync(Olga, Password, sprayer), Is.EqualTo(SignInOutcome.Failed), "the address waits, even with a right password");
        Assert.That(await AttemptAsync(Olga, Password, FreshAddress()), Is.EqualTo(SignInOutcome.SignedIn), "the account does not");
        _test.Clock.Advance(SignInThrottle.PerAddress.WaitAfter(SignInThrottle.PerAddress.FreeFailures));
        Assert.That(await AttemptAsync(Olga, Password, sprayer), Is.EqualTo(SignInOutcome.SignedIn));
    }

    [Test]
    public async Task IPv6Addresses_AreCountedByTheir64_SoOneSubscriberCannotPassForMany()
    {
        for (var i = 0; i < SignInThrottle.PerAddress.FreeFailures; i++)
            Assert.That(await AttemptAsync($"name{i}@example.com", "wrong guess", $"2001:db8:5:7::{i + 1:x}"), Is.EqualTo(SignInOutcome.Failed));

        Assert.That(await AttemptAsync(Olga, Password, "2001:db8:5:7:ffff:1:2:3"), Is.EqualTo(SignInOutcome.Failed), "the same /64 waits");
        Assert.That(await AttemptAsync(Olga, Password, "2001:db8:5:8::1"), Is.EqualTo(SignInOutcome.SignedIn), "the next /64 does not");
    }

    [Test]
    public async Task TheFailureThatStartsTheWait_TellsTheAdmins_OnceARun_AndOnlyForAccountsThatExist()
    {
        await FailAsync(SignInThrottle.PerAccount.FreeFailures - 1);
        await FailAsync(SignInThrottle.PerAccount.FreeFailures, "nobody@example.com");
        Assert.That(await _test.Ledger.Db.AccessEvents.CountAsync(e => e.Kind == AccessEventKind.SignInsSlowed), Is.Zero);

        await FailAsync(1);
        for (var i = 0; i < 5; i++)
        {
            _test.Clock.Advance(SignInThrottle.PerAccount.LongestWait);
            await FailAsync(1);
        }

        var told = await _test.Ledger.Db.AccessEvents.Where(e => e.Kind == AccessEventKind.SignInsSlowed).ToListAsync();
        Assert.That(told.Select(e => e.Email), Is.EqualTo(new[] { Olga }));
        Assert.That(_test.ScalarRaw("SELECT count(*) FROM AuditEntries WHERE Action = 'auth.sign-in' AND After LIKE '%SignInsSlowed%'"), Is.EqualTo(1));
        var underAttack = _throttle.AccountsUnderAttack(_test.Ledger.Now);
        Assert.That(underAttack.Select(a => (a.Email, a.Failures, a.Addresses)), Is.EqualTo(new[] { (Olga, 10, 10) }));
    }

    [Test]
    public async Task ARunOfFailures_IsForgottenAfterAQuietHour()
    {
        await FailAsync(SignInThrottle.PerAccount.FreeFailures + 3);
        _test.Clock.Advance(SignInThrottle.ForgetAfter);

        await FailAsync(SignInThrottle.PerAccount.FreeFailures - 1);

        Assert.That(await AttemptAsync(Olga, Password, FreshAddress()), Is.EqualTo(SignInOutcome.SignedIn), "four new failures cost nothing again");
        Assert.That(_throttle.AccountsUnderAttack(_test.Ledger.Now), Is.Empty);
    }
}
