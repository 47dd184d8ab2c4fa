using IntegrationLedger.Application.Features.Reporting.Workbook;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>
/// A line of the Sign-off sheet: who prepared the workbook and when, the audit chain's anchor it was made from,
/// the preparer's and the reviewer's names (given with the report, else left empty to be written by hand), and the
/// cells left empty for their signatures and dates.
/// </summary>
internal sealed record SignOffRow(string Item, object? Value, bool ForSignature = false)
{
    public static SheetLayout<SignOffRow> Layout { get; } = new("Sign-off", "SignOff",
        [new("Item", r => r.Item), new("Value", r => r.Value)]);

    public static IReadOnlyList<SignOffRow> For(string? organisation, string quarter, string preparedBy, DateTime preparedAt, long entries, string headHash,
        string? preparer = null, string? reviewer = null) =>
    [
        new("Organisation", organisation ?? "(not given)"),
        new("Quarter", quarter),
        new("Prepared by (the ledger's actor)", preparedBy),
        new("Prepared at (UTC)", preparedAt),
        new("Audit chain anchor (ledger audit verify --anchor)", $"{entries}:{headHash}"),
        new("Preparer's name", preparer, ForSignature: true),
        new("Preparer's signature and date", null, ForSignature: true),
        new("Reviewer's name", reviewer, ForSignature: true),
        new("Reviewer's signature and date", null, ForSignature: true),
        new("Reviewer's comments", null, ForSignature: true),
    ];
}
