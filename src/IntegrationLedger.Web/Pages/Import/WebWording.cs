using IntegrationLedger.Application.Features.Importing;

namespace IntegrationLedger.Web.Pages.Import;

/// <summary>How import messages tell someone on this page to fix a file: by the form's fields and the pages they would use.</summary>
public static class WebWording
{
    public static ImportWording Import { get; } = new(
        what => $"choose {what} under \"Time zone\" and check the file again",
        "tick \"Dates put the day first\" and check the file again",
        template => $" (download the {template} template below for its header)",
        "register each secret on the Tokens page",
        "record a reset on the token's page",
        (templates, _) => $"check the file once for each, choosing under \"Format\" {string.Join(", then ", templates)}");
}
