using IntegrationLedger.Application.Features.Reporting.Workbook;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>A token as it stood at the end of the period (the Tokens sheet).</summary>
internal sealed record TokenRow(
    string? Label, TokenKind Kind, string? Owner, string? Status, DateTime? Issued, DateTime? LastRotated, int? RotationDays, DateTime? Due,
    bool Overdue, DateTime? Revoked, string? RevocationReason)
{
    public bool Active => Status == "active";

    public static SheetLayout<TokenRow> Layout { get; } = new("Tokens", "Tokens",
    [
        new("Token", r => r.Label), new("Kind", r => KebabCase.Of(r.Kind)), new("Owner", r => r.Owner), new("Status", r => r.Status),
        new("Issued (UTC)", r => r.Issued), new("Last rotated (UTC)", r => r.LastRotated), new("Rotation days", r => r.RotationDays),
        new("Due (UTC)", r => r.Due), new("Overdue", r => r.Overdue ? "overdue" : ""), new("Revoked (UTC)", r => r.Revoked),
        new("Revocation reason", r => r.RevocationReason),
    ], r => r.Overdue ? RowMark.Alert : RowMark.None);

    /// <summary>From the replayed row; due dates follow the last reset, and "overdue" is judged at <paramref name="end"/>.</summary>
    public static TokenRow From(ReplayedRow token, Func<string?, string?> email, DateTime end)
    {
        var kind = Enum.TryParse<TokenKind>(token.Text("Kind"), out var k) ? k : TokenKind.ApiKey;
        var days = token.Number("RotationPolicyDays") ?? kind.DefaultRotationDays();
        var rotated = token.Time("LastRotatedAt");
        var due = days is { } d && rotated is { } r ? r.AddDays(d) : (DateTime?)null;
        var status = token.Text("Status")?.ToLowerInvariant();
        return new TokenRow(
            token.Text("Label"), kind, email(token.Text("OwnerId")), status, token.Time("IssuedAt"), rotated, days, due,
            status == "active" && due < end, token.Time("RevokedAt"), token.Text("RevocationReason")?.ToLowerInvariant());
    }
}
