using FluentValidation;
using FluentValidation.Results;
using IntegrationLedger.Application.Features.Access.Exports;
using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.Importing.Formats;
using IntegrationLedger.Application.Features.Importing.Inventory;

namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// What a file is to be read as: a platform export of activity, an access export or one of our inventory
/// templates, named by the caller or recognised from the header. Exactly one of the three is set.
/// </summary>
internal sealed record ChosenFormat(IUsageFormat? Usage, IInventoryTemplate? Template, bool Detected, IAccessFormat? Access = null)
{
    public string Name => Usage?.Name ?? Access?.Name ?? Template!.Name;
}

/// <summary>Every format <c>ledger import</c> reads, and choosing one for a file.</summary>
public static class ImportFormats
{
    public const string Auto = "auto";

    public static IEnumerable<string> AllNames =>
        UsageFormats.All.Select(f => f.Name).Concat(AccessFormats.All.Select(f => f.Name)).Concat(InventoryTemplates.Readable.Select(t => t.Name));

    public static bool IsAuto(string name) => string.Equals(name, Auto, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The format named, or with <see cref="Auto"/> the one the header shows. Throws a validation failure for
    /// a name that is no format, and names the file when its header matches none, or two equally.
    /// </summary>
    /// <remarks>
    /// Activity exports are known by columns no other file has (EVENT_TYPE, LoginTime, AppName...), so the first that
    /// recognises a header is it. Access exports and templates share plain names (a User export has Email and Name, as
    /// the people template does), so among those the one that reads most of the header's columns wins, and a tie is
    /// refused rather than guessed.
    /// </remarks>
    internal static ChosenFormat Choose(string name, HeaderMap header, ImportSource source)
    {
        if (Named(name) is { } named)
            return named;
        if (UsageFormats.Recognise(header) is { } usage)
            return new ChosenFormat(usage, null, Detected: true);
        var candidates = AccessFormats.All.Select(f => (Fit: f.Fit(header), Chosen: new ChosenFormat(null, null, Detected: true, f))).ToList();
        if (InventoryTemplates.Recognise(header) is { } template)
            candidates.Add((template.Columns.Count(c => header.Has(c.Name)), new ChosenFormat(null, template, Detected: true)));
        var best = candidates.Where(c => c.Fit > 0).OrderByDescending(c => c.Fit).ToList();
        if (best.Count > 1 && best[0].Fit == best[1].Fit)
        {
            throw new ImportFileException(
                $"{source.At(header.Line)}: the header fits both {best[0].Chosen.Name} and {best[1].Chosen.Name} equally; name the format instead of {Auto} " +
                $"(ledger import {best[0].Chosen.Name} FILE or ledger import {best[1].Chosen.Name} FILE).");
        }
        if (best.Count > 0)
            return best[0].Chosen;
        throw new ImportFileException(
            $"{source.At(header.Line)}: the header matches none of the formats ledger reads ({string.Join(", ", AllNames)}); " +
            $"it starts with {header.Preview()}.");
    }

    /// <summary>The format a name gives, or null for <see cref="Auto"/>; a validation failure for a name that is no format.</summary>
    internal static ChosenFormat? Named(string name)
    {
        if (IsAuto(name))
            return null;
        if (UsageFormats.Find(name) is { } named)
            return new ChosenFormat(named, null, Detected: false);
        if (AccessFormats.Find(name) is { } access)
            return new ChosenFormat(null, null, Detected: false, access);
        if (InventoryTemplates.Find(name) is { } namedTemplate)
            return new ChosenFormat(null, namedTemplate, Detected: false);
        throw new ValidationException([new ValidationFailure("format", $"'{name}' is not an import format; use one of {Auto}, {string.Join(", ", AllNames)}.")]);
    }
}
