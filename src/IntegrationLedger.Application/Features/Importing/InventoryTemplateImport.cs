using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.Importing.Inventory;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Application.Features.Importing;

public sealed record InventoryCounts
{
    public long Read { get; set; }
    public long Created { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long Rejected { get; set; }
}

public sealed record InventoryImportResult(string Template, string File, InventoryCounts Counts, IReadOnlyList<RowError> Errors, bool Committed, bool DryRun)
{
    public bool Rejected => Counts.Rejected > 0 && !Committed && !DryRun;

    /// <summary>The file read inside a zip, or null.</summary>
    public string? Member { get; init; }

    /// <summary>The sheet of a workbook that was read, or null for a CSV file.</summary>
    public string? Sheet { get; init; }
}

/// <summary>
/// Reads one of the inventory templates (people, integrations, tokens, token-usages) into the ledger, for
/// <see cref="ImportFileHandler"/>, creating or updating by natural key. Every change is audited like one
/// made by hand. The rows come from a CSV file or a workbook's sheet alike (<see cref="ITabularFile"/>).
/// </summary>
internal sealed class InventoryTemplateImport(Ledger ledger)
{
    public async Task<InventoryImportResult> ImportAsync(IInventoryTemplate template, ITabularFile csv, ImportFile request, CancellationToken cancellationToken)
    {
        var missing = template.Columns.Where(c => c.Required && !csv.Header.Has(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
            throw new ImportFileException($"{csv.Source.At(csv.Header.Line)}: the {template.Name} template needs the column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}{request.RemedyWording.TemplateHeader(template.Name)}.");
        var applier = template.Bind(csv.Header, csv.Source, request.RemedyWording);
        var keptColumns = template.Columns.Select(c => csv.Header.IndexOf(c.Name)).Where(i => i >= 0).ToArray();
        foreach (var column in keptColumns)
            csv.Header.MarkKept(column);
        using var rejectedRows = request.ErrorsPath is null ? null : RejectedRowsFile.Create(request.ErrorsPath, request.Path, csv.Header.Names, new HashSet<int>());

        await using var change = await ledger.BeginChangeAsync(AuditActions.Import(template.Name), cancellationToken);
        // Every query would otherwise scan every entity this file has added so far: quadratic in the rows.
        // The appliers only add and call domain methods, and the commit detects all changes once.
        ledger.Db.ChangeTracker.AutoDetectChangesEnabled = false;
        var counts = new InventoryCounts();
        var errors = new List<RowError>();
        var rowErrors = new List<RowError>();
        var appliedPartly = false;
        void RejectMalformed()
        {
            foreach (var error in csv.TakeErrors())
            {
                counts.Read++;
                counts.Rejected++;
                errors.Add(error);
                rejectedRows?.Write(error, null, csv.Header.Count);
            }
        }

        while (csv.Read())
        {
            counts.Read++;
            RejectMalformed();
            rowErrors.Clear();
            RowOutcome? outcome = null;
            if (csv.FieldCount != csv.Header.Count)
            {
                rowErrors.Add(new RowError(csv.LineNumber, ImportSource.WholeRow, $"has {csv.FieldCount} field{(csv.FieldCount == 1 ? "" : "s")} where the header has {csv.Header.Count} (an unquoted {SeparatorName(csv.Separator)}, or a truncated row)"));
            }
            else if (FormulaIn(csv, keptColumns) is { } formula)
            {
                rowErrors.Add(formula);
            }
            else
            {
                try
                {
                    outcome = await applier.ApplyAsync(ledger, csv, rowErrors, cancellationToken);
                }
                catch (DomainException exception)
                {
                    // The appliers check a row before changing anything; a rule that still fails part-way may
                    // have left some of the row applied, so this file cannot be committed even with --skip-invalid.
                    rowErrors.Add(new RowError(csv.LineNumber, ImportSource.WholeRow, exception.Message.TrimEnd('.')));
                    appliedPartly = true;
                }
            }
            switch (outcome)
            {
                case RowOutcome.Created: counts.Created++; break;
                case RowOutcome.Updated: counts.Updated++; break;
                case RowOutcome.Unchanged: counts.Unchanged++; break;
                default:
                    counts.Rejected++;
                    errors.AddRange(rowErrors);
                    foreach (var error in rowErrors)
                        rejectedRows?.Write(error, csv.Fields(), csv.Header.Count);
                    break;
            }
        }
        RejectMalformed();
        if (counts.Read == 0)
            throw ImportFileException.NoRows(csv.Source, csv.Header.Line);
        rejectedRows?.Complete();

        var committed = !request.DryRun && (counts.Rejected == 0 || (request.SkipInvalid && !appliedPartly));
        if (committed)
        {
            await applier.CompleteAsync(ledger, cancellationToken);
            await change.CommitAsync(cancellationToken);
        }
        return new InventoryImportResult(template.Name, request.Path, counts, errors, committed, request.DryRun)
        {
            Member = csv.Source.Member,
            Sheet = csv.Source.Sheet,
        };
    }

    private static string SeparatorName(char? separator) => separator switch
    {
        ';' => "semicolon",
        '\t' => "tab",
        '|' => "pipe",
        _ => "comma",
    };

    /// <summary>
    /// A cell a spreadsheet would run as a formula. Templates are filled in by hand, often in a spreadsheet,
    /// so such text is refused before it reaches the ledger (outputs would neutralise it in any case).
    /// </summary>
    private static RowError? FormulaIn(ITabularFile csv, int[] columns)
    {
        foreach (var column in columns)
        {
            if (csv.ValueAt(column) is { } text && SpreadsheetFormula.LooksLikeOne(text))
                return new RowError(csv.LineNumber, csv.Header.NameAt(column), $"'{text}' would run as a formula in a spreadsheet; remove the leading '{text[0]}'");
        }
        return null;
    }
}
