namespace IntegrationLedger.Application.Persistence.Auditing;

/// <summary>
/// The action each audit entry records: written by the use case that makes the change and read back by
/// the workbook and the tests, so both spell it from here. The names are part of the audit log's
/// recorded history: never rename one, add a new one.
/// </summary>
public static class AuditActions
{
    public const string LedgerInit = "ledger.init";

    public const string PersonAdd = "person.add";
    public const string PersonOffboard = "person.offboard";
    public const string PersonTrain = "person.train";

    public const string IntegrationAdd = "integration.add";
    public const string IntegrationChange = "integration.change";
    public const string IntegrationVet = "integration.vet";
    public const string IntegrationOwner = "integration.owner";

    public const string ConnectedAppSet = "app.set";
    public const string IncidentStart = "incident.start";
    public const string IncidentStep = "incident.step";
    public const string IncidentClose = "incident.close";

    public const string TokenAdd = "token.add";
    public const string TokenUse = "token.use";
    public const string TokenReset = "token.reset";
    public const string TokenConfirm = "token.confirm";
    public const string TokenRevoke = "token.revoke";
    public const string TokenOwner = "token.owner";

    public const string FindingsRun = "findings.run";
    public const string FindingAcknowledge = "finding.ack";
    public const string FindingResolve = "finding.resolve";

    /// <summary>Findings opened by <c>ledger scan --record</c> for the registered secrets it found in files.</summary>
    public const string ScanRecord = "scan.record";

    public const string ReviewStart = "review.start";
    public const string ReviewAttest = "review.attest";

    public const string SettingsSet = "settings.set";

    public const string UserAdd = "user.add";
    public const string UserRole = "user.role";
    public const string UserPassword = "user.password";
    public const string UserEnable = "user.enable";
    public const string UserDisable = "user.disable";

    public const string SignIn = "auth.sign-in";
    public const string SignOut = "auth.sign-out";
    public const string Denied = "auth.denied";

    /// <summary>An import of a file in the format or template named <paramref name="format"/> (<c>import.sf-elf</c>).</summary>
    public static string Import(string format) => "import." + format;
}
