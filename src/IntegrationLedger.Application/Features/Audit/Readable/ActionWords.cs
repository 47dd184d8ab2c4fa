using IntegrationLedger.Application.Persistence.Auditing;

namespace IntegrationLedger.Application.Features.Audit.Readable;

/// <summary>What each action of the log is, in the words of the sentence "ana@example.com ... ".</summary>
internal static class ActionWords
{
    private const string ImportPrefix = "import.";
    private const string AccessPrefix = "auth.";

    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        [AuditActions.LedgerInit] = "created the ledger",
        [AuditActions.PersonAdd] = "added a person",
        [AuditActions.PersonOffboard] = "offboarded a person",
        [AuditActions.IntegrationAdd] = "added an integration",
        [AuditActions.IntegrationChange] = "changed an integration",
        [AuditActions.IntegrationVet] = "recorded a vendor vetting",
        [AuditActions.TokenAdd] = "registered a token",
        [AuditActions.TokenUse] = "recorded where a token is used",
        [AuditActions.TokenReset] = "reset a token",
        [AuditActions.TokenConfirm] = "confirmed an integration has a token's new value",
        [AuditActions.TokenRevoke] = "revoked a token",
        [AuditActions.FindingsRun] = "ran the rules",
        [AuditActions.FindingAcknowledge] = "acknowledged a finding",
        [AuditActions.FindingResolve] = "resolved a finding",
        [AuditActions.ScanRecord] = "recorded secrets a scan found in files",
        [AuditActions.ReviewStart] = "started an access review",
        [AuditActions.ReviewAttest] = "attested an access review item",
        [AuditActions.SettingsSet] = "changed a setting",
        [AuditActions.UserAdd] = "added a web account",
        [AuditActions.UserRole] = "changed a web account's role",
        [AuditActions.UserPassword] = "set a web account's password",
        [AuditActions.UserEnable] = "enabled a web account",
        [AuditActions.UserDisable] = "disabled a web account",
        [AuditActions.SignIn] = "signed in",
        [AuditActions.SignOut] = "signed out",
        [AuditActions.Denied] = "was refused a page or change their role does not allow",
    };

    /// <summary>The action in words; an action this version has no words for (one added later) is shown as the log spells it.</summary>
    public static string Of(string action) =>
        Words.TryGetValue(action, out var words) ? words
        : action.StartsWith(ImportPrefix, StringComparison.Ordinal) ? $"imported a file ({action[ImportPrefix.Length..]})"
        : action.Replace('.', ' ').Replace('-', ' ');

    /// <summary>Sign-ins, sign-outs and refused requests: records of access, kept apart from the changes to the ledger.</summary>
    public static bool IsAccess(string action) => action.StartsWith(AccessPrefix, StringComparison.Ordinal);
}
