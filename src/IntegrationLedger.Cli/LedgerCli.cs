using System.CommandLine;
using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Cli.Commands.Accounts;
using IntegrationLedger.Cli.Commands.ConnectedApps;
using IntegrationLedger.Cli.Commands.Incidents;
using IntegrationLedger.Cli.Commands.Activity;
using IntegrationLedger.Cli.Commands.Audit;
using IntegrationLedger.Cli.Commands.Exporting;
using IntegrationLedger.Cli.Commands.Findings;
using IntegrationLedger.Cli.Commands.Importing;
using IntegrationLedger.Cli.Commands.Integrations;
using IntegrationLedger.Cli.Commands.People;
using IntegrationLedger.Cli.Commands.Reporting;
using IntegrationLedger.Cli.Commands.Reviews;
using IntegrationLedger.Cli.Commands.Scanning;
using IntegrationLedger.Cli.Commands.Settings;
using IntegrationLedger.Cli.Commands.Setup;
using IntegrationLedger.Cli.Commands.Tokens;
using IntegrationLedger.Cli.Commands.Users;
using IntegrationLedger.Cli.Commands.Web;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Common;
using Microsoft.Data.Sqlite;

namespace IntegrationLedger.Cli;

/// <summary>The <c>ledger</c> command line: its command tree, and how failures become exit codes.</summary>
public static class LedgerCli
{
    /// <summary>
    /// Every argument is taken as typed. System.CommandLine would otherwise read <c>@PATH</c> as a response
    /// file and splice its lines in as arguments: a value such as <c>--name @notes.txt</c> could then inject
    /// options, and a file that does not parse would have its lines printed in the error.
    /// </summary>
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    static LedgerCli()
    {
        // Validation messages name fields as people type them: "rotate-every-days", not "Rotate Every Days".
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : KebabCase.Of(member.Name);
    }

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        // Messages echo what was typed or read; the terminal shows their control characters rather than obeying them.
        environment = environment with { Error = new VisibleTextWriter(environment.Error) };
        if (Utf8Arguments.Complaint(args, environment.RawArguments) is { } notUtf8)
        {
            environment.Error.WriteLine(notUtf8);
            return ExitCodes.BadInput;
        }

        var globals = new GlobalOptions();
        var cli = new CliServices(environment, globals);
        var root = BuildCommandTree(cli);

        var parse = root.Parse(args, Parsing);
        if (parse.Errors.Count > 0)
        {
            foreach (var line in ParseErrorReport.Lines(parse))
                environment.Error.WriteLine(line);
            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration { Output = environment.Out, Error = environment.Error, EnableDefaultExceptionHandler = false },
                cancellationToken);
        }
        catch (Exception exception)
        {
            return Report(exception, environment.Error, parse.GetValue(globals.Verbose), cli.DatabasePathOrNull(parse));
        }
    }

    internal static RootCommand BuildCommandTree(CliServices cli)
    {
        var root = new RootCommand(
            "IntegrationLedger: who owns each security token and API credential handed to third-party software, " +
            "where and why it is used, when it was rotated, and what happened to it.");
        foreach (var option in cli.Globals.All)
            root.Options.Add(option);

        root.Subcommands.Add(new InitCommand(cli));
        root.Subcommands.Add(new DemoCommand(cli));
        root.Subcommands.Add(Group("person", "People who own tokens and integrations",
            new PersonAddCommand(cli), new PersonListCommand(cli), new PersonShowCommand(cli), new PersonOffboardCommand(cli), new PersonTrainCommand(cli)));
        root.Subcommands.Add(Group("account", "Salesforce accounts: access level, MFA, password age and their history",
            new AccountListCommand(cli), new AccountShowCommand(cli)));
        root.Subcommands.Add(Group("integration", "Third-party applications and jobs that reach the platform",
            new IntegrationAddCommand(cli), new IntegrationListCommand(cli), new IntegrationShowCommand(cli), new IntegrationVetCommand(cli),
            new IntegrationSetOwnerCommand(cli)));
        root.Subcommands.Add(Group("app", "Connected apps: their policy, who holds their OAuth tokens, and which integration and vendor they belong to",
            new AppListCommand(cli), new AppShowCommand(cli), new AppSetCommand(cli)));
        root.Subcommands.Add(Group("incident", "The day a vendor is breached: the scope at once, and a runbook whose every step is confirmed",
            new IncidentStartCommand(cli), new IncidentListCommand(cli), new IncidentShowCommand(cli), new IncidentStepCommand(cli), new IncidentCloseCommand(cli)));
        root.Subcommands.Add(Group("token", "Credentials: where they are used, resets, confirmations and revocations",
            new TokenAddCommand(cli), new TokenListCommand(cli), new TokenShowCommand(cli), new TokenUseCommand(cli),
            new TokenResetPlanCommand(cli), new TokenResetCommand(cli), new TokenConfirmCommand(cli),
            new TokenRevokeCommand(cli), new TokenSetOwnerCommand(cli), new TokenFindCommand(cli)));
        root.Subcommands.Add(new ActivityCommand(cli));
        root.Subcommands.Add(new ImportCommand(cli));
        root.Subcommands.Add(new TemplateCommand(cli));
        root.Subcommands.Add(new ExportCommand(cli));
        root.Subcommands.Add(Group("report", "Evidence for auditors", new ReportQuarterlyCommand(cli)));
        root.Subcommands.Add(new FindingsCommand(cli));
        root.Subcommands.Add(Group("finding", "Work a finding: acknowledge or resolve it with a note",
            new FindingWorkCommand(cli, FindingAction.Acknowledge), new FindingWorkCommand(cli, FindingAction.Resolve)));
        root.Subcommands.Add(new RulesCommand(cli));
        root.Subcommands.Add(new ScanCommand(cli));
        root.Subcommands.Add(Group("review", "Access reviews: each owner attests each token usage and integration",
            new ReviewStartCommand(cli), new ReviewStatusCommand(cli), new ReviewAttestCommand(cli)));
        root.Subcommands.Add(Group("settings", "The rules' thresholds",
            new SettingsListCommand(cli), new SettingsSetCommand(cli)));
        root.Subcommands.Add(Group("user", "Accounts for the web application",
            new UserAddCommand(cli), new UserListCommand(cli), new UserRoleCommand(cli), new UserPasswordCommand(cli),
            new UserEnabledCommand(cli, enable: false), new UserEnabledCommand(cli, enable: true)));
        root.Subcommands.Add(new ServeCommand(cli));
        root.Subcommands.Add(Group("audit", "The hash-chained change log",
            new AuditLogCommand(cli), new AuditVerifyCommand(cli)));
        GiveActorOption(root, cli.Globals.Actor);
        return root;
    }

    /// <summary>
    /// The global <c>--actor</c> on every command below the root (which has it already), as a recursive
    /// option would be, except <c>audit log</c>: there <c>--actor</c> is its own filter, and help lists one.
    /// </summary>
    private static void GiveActorOption(Command command, Option actor)
    {
        foreach (var sub in command.Subcommands)
        {
            if (sub is AuditLogCommand)
                continue;
            sub.Options.Add(actor);
            GiveActorOption(sub, actor);
        }
    }

    private static Command Group(string name, string description, params Command[] verbs)
    {
        var group = new Command(name, description);
        foreach (var verb in verbs)
            group.Subcommands.Add(verb);
        return group;
    }

    /// <summary>
    /// Bad input gets one sentence and exit code 2; SQLite's refusals about the ledger's file get the sentence
    /// and exit code of <see cref="StorageFailure"/>; anything else is a fault of ours, exit code 1, with the
    /// stack trace only when asked for. Messages never include a secret: the types that carry one print a
    /// placeholder.
    /// </summary>
    private static int Report(Exception exception, TextWriter error, bool verbose, string? databasePath)
    {
        if (StorageFailure.From(exception, databasePath) is { } storage)
        {
            error.WriteLine(storage.Message);
            if (verbose)
                error.WriteLine(exception.ToString());
            return storage.ExitCode;
        }
        switch (exception)
        {
            case ValidationException validation:
                foreach (var failure in validation.Errors)
                    error.WriteLine(failure.ErrorMessage.EndsWith('.') ? failure.ErrorMessage : failure.ErrorMessage + ".");
                return ExitCodes.BadInput;
            case DomainException or NotFoundException or LedgerUnavailableException or UsageException or ImportFileException or OutputFileException:
                error.WriteLine(exception.Message);
                return ExitCodes.BadInput;
            case SqliteException when LedgerBusy.Is(exception):
                error.WriteLine($"The ledger is busy: another process held its write lock for longer than the timeout. Nothing was changed; try again, or wait longer with {GlobalOptions.BusyTimeoutVariable}=SECONDS.");
                return ExitCodes.Unexpected;
            case OperationCanceledException:
                error.WriteLine("Cancelled; nothing was changed.");
                return ExitCodes.Unexpected;
            default:
                error.WriteLine(verbose ? exception.ToString() : $"Unexpected error: {exception.Message} (run with --verbose for details)");
                return ExitCodes.Unexpected;
        }
    }
}
