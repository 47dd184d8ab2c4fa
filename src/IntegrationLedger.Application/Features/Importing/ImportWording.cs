namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// How a message about a file tells its reader to fix it: the command line names its options and
/// commands (<c>--time-zone</c>), the web page its form fields ("Time zone"). The importers say what is
/// wrong; the remedy comes from here, in the words of whoever asked for the import.
/// </summary>
/// <param name="GiveZone">Asks for <c>what</c> ("the zone the file was exported in") to be given.</param>
/// <param name="DayFirst">Asks for a file whose dates put the day first to be read that way.</param>
/// <param name="TemplateHeader">Where the header of the template named is to be had, as a parenthesis; empty for none.</param>
/// <param name="RegisterSecret">Where a secret is registered instead of being put in a file.</param>
/// <param name="RecordReset">Where a token's reset is recorded so its integrations are followed up.</param>
/// <param name="ImportEach">How to import a workbook's templates (given in order) one at a time, from the file named.</param>
public sealed record ImportWording(
    Func<string, string> GiveZone,
    string DayFirst,
    Func<string, string> TemplateHeader,
    string RegisterSecret,
    string RecordReset,
    Func<IReadOnlyList<string>, string, string> ImportEach)
{
    /// <summary>Words that name no option and no field: for callers that have neither (tests, services).</summary>
    public static ImportWording Neutral { get; } = new(
        what => $"give {what}",
        "read it with the day first",
        _ => "",
        "register each secret with the token itself",
        "record a reset of the token",
        (templates, _) => $"import it once for each, naming the template, in this order: {string.Join(", then ", templates)}");
}
