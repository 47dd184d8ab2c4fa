using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Features.Audit.Readable;
using IntegrationLedger.Domain.Auditing;
using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Lists;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Audit;

public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public AuditChainReport Chain { get; private set; } = null!;

    public AuditListState List { get; private set; } = new();

    public ListPage<AuditLogEntry> Entries { get; private set; } = null!;

    /// <summary>The page's entries as people read them: names, the action in words, before and after.</summary>
    public IReadOnlyList<ReadableChange> Changes { get; private set; } = [];

    /// <summary>The actions and entity kinds the log holds, offered as filters.</summary>
    public IReadOnlyList<string> Actions { get; private set; } = [];

    public IReadOnlyList<string> EntityTypes { get; private set; } = [];

    public async Task OnGetAsync([FromQuery] AuditListState list, CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        Chain = await new VerifyAuditChainHandler(ledger).HandleAsync(cancellationToken);
        var handler = new ListAuditPageHandler(ledger);
        List = list;
        Entries = await handler.PageAsync(list.ToRequest(), cancellationToken);
        Changes = await new DescribeChangesHandler(ledger).HandleAsync(Entries.Items, cancellationToken);
        (Actions, EntityTypes) = await handler.ChoicesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync([FromQuery] AuditListState list, CancellationToken cancellationToken) =>
        new CsvDownload(new ListAuditPageHandler(await LedgerAsync(cancellationToken)).Export(list.ToRequest()));
}

/// <summary>The audit log's filters, from the address: <c>/audit?actor=ana@example.com&amp;entity=Token&amp;from=2026-10-01</c>. Changes only unless sign-ins are asked for.</summary>
public sealed class AuditListState : ListState
{
    public AuditEntryKind Kind { get; set; }
    public string? Actor { get; set; }
    public string? Action { get; set; }
    public string? Entity { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    /// <summary>One record's entries (<c>entityId</c>), as the record's History section links to them.</summary>
    public string? EntityId { get; set; }

    public ListAuditPage ToRequest() => new(ToQuery(), Actor, Action, Entity, From, To, Kind, EntityId);
}
