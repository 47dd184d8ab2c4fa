using IntegrationLedger.Application.Features.Incidents;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Incidents;

/// <summary>
/// One incident, for the officer who works through it (each step confirmed with a note, or set aside with the
/// reason, then the incident closed) and the auditor who reads it afterwards: its scope when opened, its runbook
/// with who did each step and when.
/// </summary>
[ChangedBy(Policies.ChangeInventory)]
public sealed class DetailsModel(LedgerSession session) : LedgerPageModel(session)
{
    [FromRoute]
    public string Id { get; set; } = "";

    public IncidentView Incident { get; private set; } = null!;

    [BindProperty]
    public StepInput Step { get; set; } = new();

    [BindProperty]
    public CloseInput Closing { get; set; } = new();

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostStepAsync(CancellationToken cancellationToken)
    {
        var done = Step.Outcome == "done";
        var incident = await new WorkIncidentStepHandler(await LedgerAsync(cancellationToken))
            .HandleAsync(new WorkIncidentStep(Id, Step.Number, done, Step.Note ?? ""), cancellationToken);
        return Done($"Step {Step.Number} is {(done ? "done" : "not applicable")}; {incident.StepsLeft} step(s) left.");
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken cancellationToken)
    {
        var incident = await new CloseIncidentHandler(await LedgerAsync(cancellationToken)).HandleAsync(new CloseIncident(Id, Closing.Note ?? ""), cancellationToken);
        return Done($"{incident.Id} is closed.");
    }

    protected override async Task<bool> ShowAgainAsync(string handler, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Incident = await new ShowIncidentHandler(await LedgerAsync(cancellationToken)).HandleAsync(Id, cancellationToken);
}

/// <summary>The form beside each step still to do: done, or not applicable, with a note.</summary>
public sealed class StepInput
{
    public int Number { get; set; }

    /// <summary>"done" or "not-applicable".</summary>
    public string Outcome { get; set; } = "done";

    public string? Note { get; set; }
}

public sealed class CloseInput
{
    public string? Note { get; set; }
}
