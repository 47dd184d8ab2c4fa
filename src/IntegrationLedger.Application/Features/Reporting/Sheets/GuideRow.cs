using IntegrationLedger.Application.Features.Reporting.Workbook;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>
/// A line of the "How to read this workbook" sheet: for an auditor who has never seen the ledger, what each sheet
/// holds, what its columns mean, and how to check the workbook against the ledger it came from.
/// </summary>
internal sealed record GuideRow(string Topic, string Explanation)
{
    public const string SheetName = "How to read";

    public static SheetLayout<GuideRow> Layout { get; } = new(SheetName, "HowToRead", [new("Topic", r => r.Topic), new("Explanation", r => r.Explanation)]);

    public static IReadOnlyList<GuideRow> For(QuarterlyReportData data)
    {
        var period = data.IsQuarterOver
            ? $"the whole of {data.Quarter}"
            : $"{data.Quarter} so far: the quarter is NOT over ({data.AsAt}), so every figure can still change";
        return
        [
            new("This workbook", $"The record of the security tokens and API credentials the organisation hands to third-party software, for {period}. " +
                "Times are UTC. Every sheet is an Excel table: filter or sort it from its header row."),
            new("Cover", "What the workbook is: the organisation, the quarter and its period, when and by whom it was made, and the state of the audit log it was made from (its head hash, whether it verified, whether the tables match it)."),
            new("Summary", "The key figures and rates. Changes to the ledger are counted apart from sign-ins. MFA coverage and least-privileged integration accounts are counted from the Access levels sheet."),
            new("Tokens", $"Each credential {data.AsAt}: its owner, status, last rotation, rotation policy and due date. A token overdue for rotation is highlighted."),
            new("Integrations", $"Each application or job that reaches the platform {data.AsAt}: vendor, purpose, owner, network, vetting."),
            new("Token usage", "Which integration uses which token, why, since when, and whether it still waits for a reset's new value."),
            new("Access levels", $"Each Salesforce account {data.AsAt}, from the latest access export of each kind (User, PermissionSetAssignment, TwoFactorMethodsInfo, UserLogin) as of a moment before then: "
                + "its kind and whether an integration uses it (through a token or an attribution rule), owner, active or frozen, licence and profile, API only, permission sets, "
                + "the powerful permissions it holds with the permission sets that grant them, MFA methods and whether one is strong, password age, and for an integration account whether it is least privileged. "
                + "An empty cell is something no export had told by then. An integration account with powerful permissions is highlighted red; a browser sign-in without a strong method yellow."),
            new("Access changes", "Each change of an account's access that an export of the period recorded (as of its moment: what changed from the export before, and the file), "
                + "and each account the period's exports showed for the first time. A powerful permission gained is highlighted."),
            new("Rotations and revocations", "Each reset of the period with, for each integration that had to take the new value, when that was confirmed and how many hours it took; each revocation with its reason."),
            new("Offboarding", "People who left in the period, each token they owned, and how many days its revocation took."),
            new("Training", $"Each security training completion the ledger held {data.AsAt}: who, which course, on which day, and who recorded it."),
            new("Access review", "The period's access review: each item, its owner's decision (keep, change, revoke), the note and who decided."),
            new("Activity per week", "Imported events per integration per week (weeks start on Monday), with how many failed. "
                + "To its right, the same events as a small table, a row for every week of the period and a column per integration "
                + $"(when there are more than {ActivityChart.MaxSeries}, the busiest {ActivityChart.MaxSeries - 1} are named and the rest summed as Other), "
                + "and under it a chart of that table: a column a week, as high as the week's events, in a segment per integration."),
            new("Findings", "What the rules found open during the period, as they stood at its end: severity, subject, status, and who acknowledged or resolved it."),
            new("Anomalies", "The findings of unusual activity among them: days an integration moved far more data than its habit (volume-spike), objects it touched for the first time (new-data-accessed), bursts of failed logins, and what Salesforce's Threat Detection reported; each states what was seen, against what baseline, and the events behind it."),
            new("Connected apps", "Each connected app at the end of the period: the integration that claims it, its vendor, whether any user may authorise it, how long its refresh tokens stay valid, "
                + "and how many users held its OAuth tokens, with their last use. Apps that let any user authorise them are marked red, those whose refresh tokens never expire yellow."),
            new("Incidents", "Each step of every incident open during the period (a vendor or app presumed compromised), as it stood at the end: what it asked, whether it was done or set aside, "
                + "who settled it, when, and their note. Steps still to do are marked."),
            new("Change log", "Every change to the ledger in the period, one line each, oldest first: who, what (the action in words), which record (by name), and the fields that changed, before → after. "
                + "Ids, hashes and other internal columns are left out, and a secret never appears: a password or a fingerprint shows only as \"set\" or \"changed\"."),
            new("Sign-ins", "Every sign-in, sign-out, failed sign-in and refused request of the period, with the account and the address it came from, kept apart from the changes. "
                + "Together, the Change log and Sign-ins sheets list every entry of the period's audit log: the # column runs on from one to the other without a gap."),
            new("Evidence", "Every imported usage event of the period, with the file (batch) and line it came from; it continues on further sheets at Excel's row limit."),
            new("Method", "Each rule: what it checks, its severity, and its thresholds: the value in force beside the default, with who changed it and when."),
            new("Sign-off", "Who prepared the workbook and when, and the audit chain's anchor it was made from; the framed cells are for the preparer's and the reviewer's names, signatures and dates."),
            new("Columns", "\"#\" is the audit entry's sequence number; \"Hash\" is the entry's SHA-256, which chains it to the entry before. \"(none)\" means empty. Dates are Excel dates (yyyy-mm-dd hh:mm, UTC)."),
            new("Verify: the chain", "The audit log is hash-chained: each entry's hash covers its content and the previous entry's hash, so changing, removing or reordering any entry breaks every hash after it. "
                + "The cover gives the chain's head hash and whether it verified when the workbook was made."),
            new("Verify: later", "Keep the cover's \"Check later\" command. Run against the ledger at any later time (ledger --db LEDGER audit verify --anchor N:HASH), it proves the log still passes through this head, so nothing recorded up to this workbook was rewritten. It exits 0 when all holds and 3 when not, naming what differs."),
            new("Verify: the tables", "The cover's \"Tables match the audit log\" row says whether the ledger's tables hold what its log says (yes, or NO with the differences named): a record changed behind the ledger's back, with database tools, is caught there and by ledger audit verify."),
            new("Verify: this workbook", "The same ledger and quarter always give the same workbook, but for the time it was made: build it again (ledger report quarterly --quarter QUARTER --out FILE) and compare."),
        ];
    }
}
