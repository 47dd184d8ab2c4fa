using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Tokens;

/// <summary>Which tokens a list shows by their rotation: all, only the overdue, or those overdue or due within some days.</summary>
public enum TokenDue
{
    All,
    Overdue,
    Within,
}

/// <summary>
/// A page of the token list: searched by label, owner or account; filtered by status, kind, owner (an email),
/// rotation due and whether a reset still waits for integrations; sorted by any column.
/// </summary>
public sealed record ListTokenPage(
    ListQuery List,
    TokenStatus? Status = null,
    TokenKind? Kind = null,
    string? Owner = null,
    TokenDue Due = TokenDue.All,
    int? WithinDays = null,
    bool WaitingOnly = false)
{
    /// <summary>"Due within" with no number given means the dashboard's month.</summary>
    public const int DefaultWithinDays = 30;
}

/// <summary>One row of the token list, computed by the database (rotation due included) so it can filter and sort on it.</summary>
public sealed record TokenListRow
{
    public required string Label { get; init; }
    public TokenKind Kind { get; init; }
    public required string OwnerEmail { get; init; }
    public string? Account { get; init; }
    public TokenStatus Status { get; init; }
    public DateTime LastRotatedAt { get; init; }
    public int? RotationDays { get; init; }

    /// <summary>When an active token is due for rotation; null for a revoked or expired one, or one with no policy.</summary>
    public DateTime? RotationDueAt { get; init; }
    public int InUseBy { get; init; }
    public int PendingUpdates { get; init; }

    public bool IsOverdue(DateTime now) => RotationDueAt < now;
}

public sealed class ListTokenPageHandler(Ledger ledger)
{
    public static SortColumns<TokenListRow> Columns { get; } = new SortColumns<TokenListRow>()
        .Add("label", t => t.Label)
        .Add("kind", t => t.Kind)
        .Add("owner", t => t.OwnerEmail)
        .Add("status", t => t.Status)
        .Add("used-by", t => t.InUseBy, descendingByDefault: true)
        .Add("rotated", t => t.LastRotatedAt)
        // Tokens with no due date (revoked, or no policy) sort after every dated one.
        .Add("due", t => t.RotationDueAt ?? DateTime.MaxValue)
        .TieBrokenBy(t => t.Label);

    private static readonly ExportColumns<TokenListRow> Csv = new()
    {
        { "label", t => t.Label }, { "kind", t => t.Kind }, { "owner", t => t.OwnerEmail }, { "account", t => t.Account }, { "status", t => t.Status },
        { "usedBy", t => t.InUseBy }, { "pendingUpdates", t => t.PendingUpdates }, { "lastRotatedAt", t => t.LastRotatedAt },
        { "rotationDays", t => t.RotationDays }, { "rotationDueAt", t => t.RotationDueAt },
    };

    public Task<ListPage<TokenListRow>> PageAsync(ListTokenPage request, CancellationToken cancellationToken = default) =>
        Filtered(request).PageAsync(Columns, request.List, cancellationToken);

    public ListExport Export(ListTokenPage request) => Csv.Export("tokens", Columns.Apply(Filtered(request), request.List));

    private IQueryable<TokenListRow> Filtered(ListTokenPage request)
    {
        var rows = Rows();
        if (request.List.Search is { } search)
        {
            var pattern = ListQueries.Containing(search);
            rows = rows.Where(t => EF.Functions.Like(t.Label, pattern, ListQueries.LikeEscape)
                || EF.Functions.Like(t.OwnerEmail, pattern, ListQueries.LikeEscape)
                || EF.Functions.Like(t.Account!, pattern, ListQueries.LikeEscape));
        }
        if (request.Status is { } status)
            rows = rows.Where(t => t.Status == status);
        if (request.Kind is { } kind)
            rows = rows.Where(t => t.Kind == kind);
        if (!string.IsNullOrWhiteSpace(request.Owner))
        {
            var owner = Person.NormalizeEmail(request.Owner.Trim());
            rows = rows.Where(t => t.OwnerEmail == owner);
        }
        var now = ledger.Now;
        rows = request.Due switch
        {
            TokenDue.Overdue => rows.Where(t => t.RotationDueAt < now),
            TokenDue.Within => rows.Where(t => t.RotationDueAt <= now.AddDays(request.WithinDays ?? ListTokenPage.DefaultWithinDays)),
            _ => rows,
        };
        if (request.WaitingOnly)
            rows = rows.Where(t => t.Status == TokenStatus.Active && t.PendingUpdates > 0);
        return rows;
    }

    /// <summary>
    /// Every token as a row. The rotation policy in force is the token's own, else its kind's default
    /// (<see cref="TokenKinds.DefaultRotationDays"/>), spelled here as SQL can compute it; a test holds the two
    /// to the same answer for every kind.
    /// </summary>
    private IQueryable<TokenListRow> Rows()
    {
        var db = ledger.Db;
        return
            from t in db.Tokens.AsNoTracking()
            join owner in db.People on t.OwnerId equals owner.Id
            from account in db.Accounts.Where(a => a.Id == t.AccountId).DefaultIfEmpty()
            let days = t.RotationPolicyDays ?? (t.Kind == TokenKind.OauthRefreshToken ? null : t.Kind == TokenKind.Certificate ? 365 : (int?)90)
            select new TokenListRow
            {
                Label = t.Label,
                Kind = t.Kind,
                OwnerEmail = owner.Email,
                Account = account == null ? null : account.Username,
                Status = t.Status,
                LastRotatedAt = t.LastRotatedAt,
                RotationDays = days,
                RotationDueAt = t.Status == TokenStatus.Active && days != null ? t.LastRotatedAt.AddDays(days.Value) : null,
                InUseBy = db.TokenUsages.Count(u => u.TokenId == t.Id && u.Status != TokenUsageStatus.Ended),
                PendingUpdates = db.TokenUsages.Count(u => u.TokenId == t.Id && u.Status == TokenUsageStatus.PendingUpdate),
            };
    }
}
