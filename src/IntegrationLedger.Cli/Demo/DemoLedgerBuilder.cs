using System.Security.Cryptography;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Application.Features.Activity;
using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Features.Findings.Rules;
using IntegrationLedger.Cli.Commands.Activity;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Cli.Commands.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Features.Reporting;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Usage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Cli.Demo;

/// <summary>
/// Builds the demonstration ledger through the same use cases a security officer runs, so the demo
/// exercises the real validation, invariants and audit log, and prints what it made.
/// </summary>
internal sealed class DemoLedgerBuilder(CliServices cli, string samplesFolder)
{
    public const string DatabaseFileName = "ledger.db";

    /// <summary>The setting that marks a ledger as one the demo made, and so may replace.</summary>
    private const string DemoMark = "ledger.demo";

    public static string DefaultSamplesFolder => Path.Combine(AppContext.BaseDirectory, "samples");

    public async Task<int> BuildAsync(string outputFolder, LedgerOptions requested, CancellationToken cancellationToken)
    {
        var organisation = DemoOrganisation.Load(Path.Combine(samplesFolder, "demo", "organisation.json"));
        Directory.CreateDirectory(outputFolder);
        var databasePath = Path.Combine(outputFolder, DatabaseFileName);
        RemovePreviousDemo(databasePath);

        // The demo keeps its key beside its own database whatever LEDGER_KEY says: it must not mix with a real ledger.
        // Its clock stands still at the organisation's "as of" time, so every run builds the same ledger.
        var clock = new FixedTimeProvider(organisation.AsOf);
        var options = requested with { DatabasePath = databasePath, KeyFromEnvironment = null, Clock = clock };
        await using var ledger = await Ledger.InitializeAsync(options, cancellationToken);
        await using (var mark = await ledger.BeginChangeAsync("demo.mark", cancellationToken))
        {
            ledger.Db.Settings.Add(new LedgerSetting(DemoMark, organisation.Organisation));
            await mark.CommitAsync(cancellationToken);
        }

        foreach (var person in organisation.People)
            await new AddPersonHandler(ledger).HandleAsync(new AddPerson(person.Email, person.Name, person.Department), cancellationToken);
        foreach (var integration in organisation.Integrations)
            await AddIntegrationAsync(ledger, integration, cancellationToken);
        foreach (var token in organisation.Tokens)
            await AddTokenAsync(ledger, token, cancellationToken);
        foreach (var usage in organisation.Usages)
        {
            await new UseTokenHandler(ledger).HandleAsync(
                new UseToken(usage.Token, usage.Integration, usage.Purpose, usage.SetUpBy, CliParse.UtcTime(usage.Since, "since")), cancellationToken);
        }
        var plans = new List<OffboardingPlan>();
        foreach (var departure in organisation.Departures)
        {
            plans.Add(await new OffboardPersonHandler(ledger).HandleAsync(
                new OffboardPerson(departure.Email, CliParse.Date(departure.On, "on")), cancellationToken));
        }

        foreach (var reset in organisation.Resets)
        {
            clock.Now = reset.At;
            await new ResetTokenHandler(ledger).HandleAsync(new ResetToken(reset.Token), cancellationToken);
            foreach (var confirmation in reset.Confirmations)
            {
                clock.Now = confirmation.At;
                await new ConfirmTokenUpdateHandler(ledger).HandleAsync(new ConfirmTokenUpdate(reset.Token, confirmation.Integration), cancellationToken);
            }
        }
        clock.Now = organisation.AsOf;

        foreach (var training in organisation.Training)
            await new RecordTrainingHandler(ledger).HandleAsync(new RecordTraining(training.Email, CliParse.Date(training.On, "training.on"), training.Course), cancellationToken);

        await ImportAppExportsAsync(ledger, organisation, cancellationToken);
        var imports = await ImportSampleExportsAsync(ledger, organisation, cancellationToken);
        var access = await ImportAccessExportsAsync(ledger, organisation, cancellationToken);
        var findings = await new RunRulesHandler(ledger).HandleAsync(new RunRules(), cancellationToken);
        await PrintSummaryAsync(ledger, organisation, plans, imports, cancellationToken);
        PrintAccess(access);
        PrintFindings(findings);
        await PrintUnusualActivityAsync(ledger, findings, cancellationToken);
        PrintApps(await new Application.Features.ConnectedApps.ListConnectedAppsHandler(ledger).HandleAsync(cancellationToken: cancellationToken));
        await RunIncidentAsync(ledger, organisation.Incident, clock, cancellationToken);

        var quarter = Quarter.Of(organisation.AsOf.UtcDateTime);
        var report = await new BuildQuarterlyReportHandler(ledger).HandleAsync(
            new BuildQuarterlyReport(quarter, Path.Combine(outputFolder, $"audit-{quarter}.xlsx"), organisation.Organisation), cancellationToken);
        cli.Output.Line();
        cli.Output.Line($"Quarterly audit workbook for {quarter}: {report.Path}");
        return ExitCodes.Success;
    }

    private void PrintFindings(IReadOnlyList<FindingView> findings)
    {
        var output = cli.Output;
        output.Line();
        output.Line($"The rules found {findings.Count} things to act on:");
        var table = CliOutput.NewTable("Rule", "Severity", "Findings", "For example");
        foreach (var rule in findings.GroupBy(f => f.Rule).OrderByDescending(g => g.Max(f => f.Severity)).ThenBy(g => g.Key, StringComparer.Ordinal))
            table.AddTextRow(rule.Key, KebabCase.Of(rule.Max(f => f.Severity)), rule.Count().ToString(System.Globalization.CultureInfo.InvariantCulture), rule.First().Summary);
        output.Write(table);
        output.Line("List and work them: ledger --db DIR/ledger.db findings; ledger finding ack|resolve ID --note TEXT");
    }

    /// <summary>The activity of the integration the first volume spike is about, as <c>ledger activity</c> draws it.</summary>
    private async Task PrintUnusualActivityAsync(Ledger ledger, IReadOnlyList<FindingView> findings, CancellationToken cancellationToken)
    {
        if (findings.FirstOrDefault(f => f.Rule == VolumeSpikeRule.RuleId) is not { } spike)
            return;
        // The subject is "INTEGRATION on yyyy-MM-dd".
        var integration = spike.Subject[..spike.Subject.LastIndexOf(" on ", StringComparison.Ordinal)];
        var view = await new ShowActivityHandler(ledger).HandleAsync(new ShowActivity(integration, 40), cancellationToken);
        cli.Output.Line();
        cli.Output.Line($"Unusual activity (ledger --db DIR/ledger.db activity \"{integration}\"):");
        ActivityCommand.Render(cli.Output, view, ActivityMeasure.Rows);
    }

    /// <summary>Imports the organisation's exports from samples/salesforce, each as the format its header shows.</summary>
    private async Task<IReadOnlyList<UsageImportResult>> ImportSampleExportsAsync(Ledger ledger, DemoOrganisation organisation, CancellationToken cancellationToken)
    {
        var results = new List<UsageImportResult>();
        foreach (var file in organisation.Exports)
        {
            var request = new ImportFile(ImportFormats.Auto, Path.Combine(samplesFolder, "salesforce", file), organisation.ExportTimeZone, Wording: CommandLineWording.Import);
            var outcome = await new ImportFileHandler(ledger).HandleAsync(request, null, cancellationToken);
            results.Add(outcome.Usage ?? throw new UsageException($"Demo export {file} is an inventory template, not a platform export."));
        }
        return results;
    }

    /// <summary>Imports the organisation's ConnectedApplication exports (the OAuth tokens come with the other exports).</summary>
    private async Task ImportAppExportsAsync(Ledger ledger, DemoOrganisation organisation, CancellationToken cancellationToken)
    {
        foreach (var file in organisation.AppExports)
        {
            var request = new ImportFile(ImportFormats.Auto, Path.Combine(samplesFolder, "salesforce", file), Wording: CommandLineWording.Import);
            var outcome = await new ImportFileHandler(ledger).HandleAsync(request, null, cancellationToken);
            if (outcome.Inventory is not { Committed: true })
                throw new UsageException($"Demo export {file} was not imported as a ConnectedApplication export: {string.Join("; ", outcome.Errors.Take(3).Select(e => e.Reason))}");
        }
    }

    private void PrintApps(IReadOnlyList<Application.Features.ConnectedApps.AppSummary> apps)
    {
        var output = cli.Output;
        output.Line();
        output.Line($"Connected apps ({apps.Count}; ledger --db DIR/ledger.db app list, app show NAME):");
        foreach (var app in apps.Where(a => a.AdminApprovedUsersOnly == false || (a.Registered && a.RefreshTokenValidity is null)))
        {
            var why = string.Join(" and ", new[]
            {
                app.AdminApprovedUsersOnly == false ? "lets any user authorise it" : null,
                app.Registered && app.RefreshTokenValidity is null ? "its refresh tokens never expire" : null,
            }.OfType<string>());
            output.Line($"  {app.Name} ({app.Integration ?? "no integration claims it"}): {why}; {app.Users} user(s) hold {app.Tokens} OAuth token(s).");
        }
    }

    /// <summary>
    /// The day a vendor is breached, worked to its end as an officer would: the incident opened with its scope, each
    /// step done through the ledger's own use cases where it has one (the token reset and its confirmation, the new
    /// vetting), every step confirmed with its note, and the incident closed.
    /// </summary>
    private async Task RunIncidentAsync(Ledger ledger, DemoIncident plan, FixedTimeProvider clock, CancellationToken cancellationToken)
    {
        var incident = await new Application.Features.Incidents.StartIncidentHandler(ledger).HandleAsync(
            new Application.Features.Incidents.StartIncident(plan.Vendor, null, plan.Reason, CliParse.UtcTime(plan.Since, "incident.since")), cancellationToken);
        var notes = new Queue<string>(plan.Notes);
        var noteOf = new Dictionary<Domain.Incidents.IncidentStepKind, string>();
        foreach (var kind in Enum.GetValues<Domain.Incidents.IncidentStepKind>())
            noteOf[kind] = notes.TryDequeue(out var note) ? note : "Done";
        foreach (var step in incident.Steps)
        {
            // A quarter of an hour for each step: the runbook's times read as an officer's afternoon.
            clock.Now = clock.Now.AddMinutes(15);
            switch (step.Kind)
            {
                case Domain.Incidents.IncidentStepKind.ResetToken:
                    await new ResetTokenHandler(ledger).HandleAsync(new ResetToken(step.Target), cancellationToken);
                    foreach (var usage in incident.Scope.Tokens.Where(t => t.Label == step.Target))
                        await new ConfirmTokenUpdateHandler(ledger).HandleAsync(new ConfirmTokenUpdate(step.Target, usage.Integration), cancellationToken);
                    break;
                case Domain.Incidents.IncidentStepKind.RevetVendor:
                    foreach (var integration in incident.Scope.Integrations)
                    {
                        await new VetIntegrationHandler(ledger).HandleAsync(new VetIntegration(integration, DateOnly.FromDateTime(clock.Now.UtcDateTime), plan.Reviewer,
                            VettingOutcome.ApprovedWithConditions, $"{incident.Id}: forensic report", null), cancellationToken);
                    }
                    break;
            }
            await new Application.Features.Incidents.WorkIncidentStepHandler(ledger).HandleAsync(
                new Application.Features.Incidents.WorkIncidentStep(incident.Id, step.Number, true, noteOf[step.Kind]), cancellationToken);
        }
        var closed = await new Application.Features.Incidents.CloseIncidentHandler(ledger).HandleAsync(
            new Application.Features.Incidents.CloseIncident(incident.Id, plan.CloseNote), cancellationToken);
        cli.Output.Line();
        cli.Output.Line($"The day a vendor is breached (ledger --db DIR/ledger.db incident show {closed.Id}):");
        Commands.Incidents.IncidentWords.Write(cli.Output, closed);
    }

    /// <summary>Imports the organisation's access exports, each as of the moment it was taken, the User export first (the others name its users by id).</summary>
    private async Task<IReadOnlyList<Application.Features.Access.AccessImportResult>> ImportAccessExportsAsync(Ledger ledger, DemoOrganisation organisation, CancellationToken cancellationToken)
    {
        var results = new List<Application.Features.Access.AccessImportResult>();
        foreach (var export in organisation.AccessExports)
        {
            var request = new ImportFile(ImportFormats.Auto, Path.Combine(samplesFolder, "salesforce", export.File), Wording: CommandLineWording.Import, AsOf: export.AsOf.UtcDateTime);
            var outcome = await new ImportFileHandler(ledger).HandleAsync(request, null, cancellationToken);
            results.Add(outcome.Access is { Rejected: false } access ? access
                : throw new UsageException($"Demo access export {export.File} was not imported as one: {string.Join("; ", outcome.Errors.Take(3).Select(e => e.Reason))}"));
        }
        return results;
    }

    private void PrintAccess(IReadOnlyList<Application.Features.Access.AccessImportResult> imports)
    {
        var output = cli.Output;
        output.Line();
        output.Line($"Imported {imports.Count} access exports (users, permission sets, MFA, frozen): {imports.Sum(i => i.Counts.AccountsAdded)} Salesforce accounts added; changes since the earlier export:");
        foreach (var change in imports.SelectMany(i => i.Changes))
            output.Line($"  {change.Username}: {change.Changes}");
        output.Line("Access levels: ledger --db DIR/ledger.db account list --integration-users; ledger account show USERNAME");
    }

    private static async Task AddIntegrationAsync(Ledger ledger, DemoIntegration integration, CancellationToken cancellationToken)
    {
        AttributionRuleSpec[] rules =
        [
            .. AttributionRuleSpec.Each(AttributionRuleKind.Account, integration.Match.Account),
            .. AttributionRuleSpec.Each(AttributionRuleKind.Application, integration.Match.Application),
            .. AttributionRuleSpec.Each(AttributionRuleKind.ConnectedAppId, integration.Match.ConnectedAppId),
            .. AttributionRuleSpec.Each(AttributionRuleKind.ClientName, integration.Match.Client),
        ];

        await new AddIntegrationHandler(ledger).HandleAsync(new AddIntegration(
            integration.Name, integration.Vendor, integration.Owner, integration.Purpose, integration.Environment,
            CliParse.Choice<NetworkTrust>(integration.Network), integration.AllowCidrs, rules), cancellationToken);

        if (integration.Vetting is { } vetting)
        {
            await new VetIntegrationHandler(ledger).HandleAsync(new VetIntegration(
                integration.Name,
                CliParse.Date(vetting.On, "vetting.on"),
                vetting.Reviewer,
                CliParse.Choice<VettingOutcome>(vetting.Outcome),
                vetting.Evidence,
                CliParse.OptionalDate(vetting.NextReview, "vetting.nextReview")), cancellationToken);
        }
    }

    /// <summary>
    /// Each demo token is registered with a fresh random secret, fingerprinted and then forgotten, the way
    /// a real one is: the demo has no secret to leak.
    /// </summary>
    private static async Task AddTokenAsync(Ledger ledger, DemoToken token, CancellationToken cancellationToken)
    {
        if (!TokenKinds.TryParse(token.Kind, out var kind))
            throw new UsageException($"Demo token '{token.Label}' has an unknown kind '{token.Kind}'.");
        var secret = Secret.Parse(RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 25));
        await new AddTokenHandler(ledger).HandleAsync(new AddToken(
            token.Label, kind, token.Owner, token.Account, token.AccountUserId, token.RotateEvery,
            CliParse.UtcTime(token.Issued, "issued"),
            CliParse.OptionalUtcTime(token.LastRotated, "lastRotated"),
            secret), cancellationToken);
    }

    private async Task PrintSummaryAsync(Ledger ledger, DemoOrganisation organisation, IReadOnlyList<OffboardingPlan> plans, IReadOnlyList<UsageImportResult> imports, CancellationToken cancellationToken)
    {
        var output = cli.Output;
        var people = await new ListPeopleHandler(ledger).HandleAsync(cancellationToken);
        var integrations = await new ListIntegrationsHandler(ledger).HandleAsync(cancellationToken);
        var tokens = await new ListTokensHandler(ledger).HandleAsync(new ListTokens(), cancellationToken);
        var chain = await new VerifyLedgerHandler(ledger).HandleAsync(new VerifyLedger(), cancellationToken);

        output.Line($"Demonstration ledger for {organisation.Organisation}: {ledger.DatabasePath}");
        output.Line($"  {people.Count} people ({people.Count(p => p.Status == Domain.People.PersonStatus.Departed)} departed), "
            + $"{integrations.Count} integrations, {tokens.Count} tokens, {tokens.Sum(t => t.InUseBy)} token usages.");
        output.Line();

        var table = CliOutput.NewTable("Token", "Kind", "Owner", "Used by", "Rotation due", "Attention");
        foreach (var token in tokens)
        {
            var ownerDeparted = people.Any(p => p.Email == token.OwnerEmail && p.Status == Domain.People.PersonStatus.Departed);
            var attention = string.Join("; ", new[]
            {
                token.Overdue ? "rotation overdue" : null,
                ownerDeparted ? "owner departed" : null,
            }.OfType<string>());
            table.AddTextRow(token.Label, KebabCase.Of(token.Kind), token.OwnerEmail, token.InUseBy.ToString(System.Globalization.CultureInfo.InvariantCulture), DisplayText.Date(token.RotationDueAt), attention);
        }
        output.Write(table);

        foreach (var plan in plans)
        {
            output.Line($"Offboarded {plan.Person.Name} on {DisplayText.Date(plan.Person.DepartedOn)}; still to revoke or reassign: "
                + string.Join(", ", plan.Tokens.Where(t => t.Status == TokenStatus.Active).Select(t => $"{t.Label} (used by {string.Join(", ", t.UsedBy)})")));
        }
        output.Line();
        output.Line($"Imported {imports.Count} sample exports: {imports.Sum(i => i.Counts.Read)} rows, {imports.Sum(i => i.Counts.Added)} new events; "
            + $"of the activity, {imports.Sum(i => i.Counts.Attributed)} rows were attributed to an integration and {imports.Sum(i => i.Counts.Unattributed)} were not.");
        var events = ledger.Db.UsageEvents.Where(e => e.EventType != UsageEventTypes.SetupAuditTrail);
        var byIntegration = await events.Where(e => e.IntegrationId != null)
            .GroupBy(e => e.IntegrationId).Select(g => new { Id = g.Key!.Value, Events = g.Count() }).ToListAsync(cancellationToken);
        var names = await ledger.Db.Integrations.ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
        var activity = CliOutput.NewTable("Integration", "Events");
        foreach (var row in byIntegration.OrderByDescending(r => r.Events))
            activity.AddTextRow(names[row.Id], row.Events.ToString(System.Globalization.CultureInfo.InvariantCulture));
        output.Write(activity);

        var shadow = await events.Where(e => e.IntegrationId == null)
            .GroupBy(e => new { Account = e.Username ?? e.UserId, Application = e.Application ?? e.ClientName })
            .Select(g => new { g.Key.Account, g.Key.Application, Events = g.Count() })
            .OrderByDescending(g => g.Events).Take(8).ToListAsync(cancellationToken);
        output.Line("Activity that matches no registered integration (candidates for the inventory):");
        var unmatched = CliOutput.NewTable("Account", "Application or client", "Events");
        foreach (var group in shadow)
            unmatched.AddTextRow(group.Account, group.Application, group.Events.ToString(System.Globalization.CultureInfo.InvariantCulture));
        output.Write(unmatched);

        var unowned = integrations.Where(i => i.OwnerEmail is null).Select(i => i.Name).ToList();
        if (unowned.Count > 0)
            output.Line($"Integrations without an owner: {string.Join(", ", unowned)}.");
        output.Line($"Audit chain: {chain.EntryCount} entries, {(chain.Holds ? "verified against the tables" : "NOT verified (ledger audit verify says why)")}, head {chain.HeadHash}.");
        output.Line();
        output.Line($"Explore it: ledger --db {ledger.DatabasePath} token list --due");
    }

    /// <summary>
    /// Re-running the demo starts over, but only over a ledger the demo made: any other ledger at that
    /// path (the default name is also ledger.db) is somebody's real record and is refused.
    /// </summary>
    private static void RemovePreviousDemo(string databasePath)
    {
        if (File.Exists(databasePath) && !IsDemoLedger(databasePath))
            throw new UsageException($"{databasePath} is a ledger the demo did not make; choose another --out folder.");
        foreach (var path in new[] { databasePath, databasePath + "-wal", databasePath + "-shm", LedgerKey.KeyFilePathFor(databasePath) })
        {
            if (File.Exists(path))
                File.Delete(path);
        }
    }

    private static bool IsDemoLedger(string databasePath)
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM Settings WHERE Name = $name";
            command.Parameters.AddWithValue("$name", DemoMark);
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
    }
}
