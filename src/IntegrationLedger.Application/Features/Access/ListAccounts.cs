using FluentValidation;

namespace IntegrationLedger.Application.Features.Access;

/// <summary>
/// Accounts with their access level at a moment (now unless <see cref="AsOf"/>), narrowed as an auditor asks: only
/// integration accounts, only those holding a powerful permission, without strong MFA, or with a password older than
/// some days.
/// </summary>
public sealed record ListAccounts(
    bool IntegrationUsersOnly = false,
    bool PowerfulOnly = false,
    bool WithoutMfaOnly = false,
    int? PasswordOlderThanDays = null,
    DateTime? AsOf = null,
    string? Search = null);

public sealed class ListAccountsValidator : AbstractValidator<ListAccounts>
{
    public ListAccountsValidator()
    {
        RuleFor(r => r.PasswordOlderThanDays).InclusiveBetween(0, 36500).When(r => r.PasswordOlderThanDays is not null)
            .WithMessage("--password-older-than takes a number of days from 0 to 36500.");
    }
}

public sealed class ListAccountsHandler(Ledger ledger)
{
    public async Task<IReadOnlyList<AccountSummary>> HandleAsync(ListAccounts request, CancellationToken cancellationToken = default)
    {
        await new ListAccountsValidator().ValidateAndThrowAsync(request, cancellationToken);
        var at = request.AsOf ?? ledger.Now;
        var facts = await AccessFacts.LoadAsync(ledger.Db, at, cancellationToken);
        return Matching(request, facts, at).ToList();
    }

    /// <summary>
    /// The accounts of <paramref name="facts"/> (loaded for <paramref name="at"/>) that the request's filters keep: for
    /// those that count several lists' rows from one load, such as the dashboard.
    /// </summary>
    public static IEnumerable<AccountSummary> Matching(ListAccounts request, AccessFacts facts, DateTime at)
    {
        var search = request.Search?.Trim().ToLowerInvariant();
        return facts.Accounts
            .Where(a => !request.IntegrationUsersOnly || a.IsIntegrationAccount)
            .Where(a => search is null or "" || a.Account.Username.Contains(search, StringComparison.Ordinal) || a.UsedBy.Any(u => u.Integration.Contains(search, StringComparison.OrdinalIgnoreCase)))
            .Select(a => AccountSummary.Of(a, at))
            .Where(a => !request.PowerfulOnly || a.Powerful.Count > 0)
            .Where(a => !request.WithoutMfaOnly || a.SignsInThroughBrowser == true && (a.StrongMfa == false || a.BypassesMfa))
            .Where(a => request.PasswordOlderThanDays is not { } days || a.PasswordAgeDays > days);
    }
}
