namespace IntegrationLedger.Application.Features.Users;

/// <summary>
/// Keeps password guessing slow without letting anyone lock an account. Failed sign-ins are counted per
/// account name, whether or not the account exists (so being slowed tells a stranger nothing), and per
/// address (an IPv6 address by its /64); past a few, each attempt must wait (<see cref="SlowDown"/>), and one made during the wait is
/// refused without its password being checked and without lengthening the wait. The owner, signing in from
/// an address the account used recently, is not held by the account's wait, only by their own address's:
/// a stranger elsewhere can slow guessing at an account but cannot keep its owner out.
/// </summary>
/// <remarks>
/// Held in the server's memory, not the ledger: counting a failure costs no write (a stranger cannot make
/// the ledger's writers wait), and a restart, which only the operator can cause, starts the counts afresh.
/// </remarks>
public sealed class SignInThrottle
{
    /// <summary>Per account name: five tries, then 1 s, 2 s, 4 s ... up to 15 minutes between checked attempts.</summary>
    public static readonly SlowDown PerAccount = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));

    /// <summary>Per address, across accounts (one address guessing at many): more free tries, since offices share one address.</summary>
    public static readonly SlowDown PerAddress = new(20, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));

    /// <summary>A run of failures is forgotten after this long without one; longer than the longest wait, so a patient guesser stays slowed.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    /// <summary>Runs kept per kind; past this, forgotten ones and then the oldest for names that are no account make room.</summary>
    private const int MostRuns = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FailureRun> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FailureRun> _addresses = new(StringComparer.Ordinal);

    /// <summary>
    /// Until when an attempt for <paramref name="account"/> from <paramref name="address"/> must wait, or null if
    /// it may be checked now. <paramref name="usualAddress"/>: the account signed in from this address recently.
    /// </summary>
    public DateTime? HeldUntil(string account, string? address, bool usualAddress, DateTime now)
    {
        lock (_gate)
        {
            var byAccount = usualAddress ? null : Current(_accounts, account, now)?.HeldUntil;
            var byAddress = Current(_addresses, AddressNetwork.Of(address), now)?.HeldUntil;
            var until = Later(byAccount, byAddress);
            return until > now ? until : null;
        }
    }

    /// <summary>
    /// Counts a failed attempt that was checked. True when it is the one that starts slowing an existing account,
    /// which is when the admins are told.
    /// </summary>
    public bool RecordFailure(string account, bool accountExists, string? address, DateTime now)
    {
        lock (_gate)
        {
            var run = Count(_accounts, account, accountExists, PerAccount, address, now);
            Count(_addresses, AddressNetwork.Of(address), accountExists: false, PerAddress, address, now);
            return accountExists && run.Failures == PerAccount.FreeFailures;
        }
    }

    /// <summary>
    /// Lifts an account's wait: an admin gave it a new password, to be told to its owner another way, and the
    /// owner should not then wait out a stranger's guesses at the old one. Its addresses' waits stay.
    /// </summary>
    public void ForgetAccount(string email)
    {
        lock (_gate)
            _accounts.Remove(email);
    }

    /// <summary>Existing accounts whose sign-ins are being slowed now, most failures first.</summary>
    public IReadOnlyList<AccountUnderAttack> AccountsUnderAttack(DateTime now)
    {
        lock (_gate)
        {
            return _accounts.Where(a => a.Value.AccountExists && a.Value.Failures >= PerAccount.FreeFailures && !a.Value.IsForgotten(now))
                .Select(a => new AccountUnderAttack(a.Key, a.Value.Failures, a.Value.Addresses.Count, a.Value.FirstAt, a.Value.HeldUntil))
                .OrderByDescending(a => a.Failures).ThenBy(a => a.Email, StringComparer.Ordinal)
                .ToList();
        }
    }

    private static FailureRun? Current(Dictionary<string, FailureRun> runs, string key, DateTime now)
    {
        if (!runs.TryGetValue(key, out var run))
            return null;
        if (!run.IsForgotten(now))
            return run;
        runs.Remove(key);
        return null;
    }

    private static FailureRun Count(Dictionary<string, FailureRun> runs, string key, bool accountExists, SlowDown slowDown, string? address, DateTime now)
    {
        var run = Current(runs, key, now);
        if (run is null)
        {
            MakeRoom(runs, now);
            run = new FailureRun(now, accountExists);
            runs[key] = run;
        }
        run.Fail(now, slowDown, AddressNetwork.Of(address));
        return run;
    }

    private static void MakeRoom(Dictionary<string, FailureRun> runs, DateTime now)
    {
        if (runs.Count < MostRuns)
            return;
        foreach (var key in runs.Where(r => r.Value.IsForgotten(now)).Select(r => r.Key).ToList())
            runs.Remove(key);
        if (runs.Count < MostRuns)
            return;
        // Names that are no account go first: an attacker inventing names must not push out the runs against real ones.
        var oldest = runs.OrderBy(r => r.Value.AccountExists).ThenBy(r => r.Value.LastAt).First().Key;
        runs.Remove(oldest);
    }

    private static DateTime? Later(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>Failures in a row for one account name or one address.</summary>
    private sealed class FailureRun(DateTime firstAt, bool accountExists)
    {
        /// <summary>Addresses told apart for the admins' notice, for accounts that exist only (there are few of those); a botnet's thousands count as this many.</summary>
        private const int MostAddresses = 1_000;

        public bool AccountExists { get; } = accountExists;
        public DateTime FirstAt { get; } = firstAt;
        public int Failures { get; private set; }
        public DateTime LastAt { get; private set; } = firstAt;
        public DateTime HeldUntil { get; private set; } = firstAt;
        public HashSet<string> Addresses { get; } = new(StringComparer.Ordinal);

        public bool IsForgotten(DateTime now) => now >= HeldUntil && now - LastAt >= ForgetAfter;

        public void Fail(DateTime now, SlowDown slowDown, string address)
        {
            Failures++;
            LastAt = now;
            HeldUntil = now + slowDown.WaitAfter(Failures);
            if (AccountExists && Addresses.Count < MostAddresses)
                Addresses.Add(address);
        }
    }
}

/// <param name="HeldUntil">When the next attempt for the account (from an address it has not used) will be checked.</param>
public sealed record AccountUnderAttack(string Email, int Failures, int Addresses, DateTime Since, DateTime HeldUntil);
