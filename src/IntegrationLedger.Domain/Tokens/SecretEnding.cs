namespace IntegrationLedger.Domain.Tokens;

/// <summary>
/// How much of the end of a secret the ledger keeps, and shows to every role, so people can tell tokens
/// apart. Four characters of a 24-character Salesforce token leave twenty unknown; four of an 8-character
/// password would give away half of it. So the end shrinks with the secret and at least ten characters
/// always stay unknown: four from 16 characters, two from 12 to 15, none below (see decision 0009).
/// </summary>
public static class SecretEnding
{
    public const int LongestShown = 4;

    /// <summary>How many of the last characters of a secret of <paramref name="secretLength"/> may be shown.</summary>
    public static int LengthShown(int secretLength) => secretLength switch
    {
        >= 16 => LongestShown,
        >= 12 => 2,
        _ => 0,
    };

    /// <summary>The end of <paramref name="secret"/> that may be kept and shown; empty when it is too short to show any.</summary>
    public static string Of(string secret) => secret[^LengthShown(secret.Length)..];
}
