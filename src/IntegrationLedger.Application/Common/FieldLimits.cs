namespace IntegrationLedger.Application.Common;

/// <summary>
/// How long a typed value may be, in one place: the validators refuse longer values, and the web pages
/// offer the same numbers as <c>maxlength</c>, so a form never accepts what the use case would refuse.
/// </summary>
public static class FieldLimits
{
    /// <summary>The longest address SMTP allows (64 for the local part, @, 255 for the domain).</summary>
    public const int Email = 320;

    /// <summary>A person's or integration's name, a token's label, a department, a vendor, a reviewer.</summary>
    public const int Name = 200;

    /// <summary>Free text kept as evidence: notes, purposes, a vetting's evidence.</summary>
    public const int Text = 2000;

    /// <summary>One value an integration's activity is recognised by (an account, a client name, a network).</summary>
    public const int RuleValue = 400;

    /// <summary>Length beats composition rules (NIST SP 800-63B): long passphrases, no forced symbols.</summary>
    public const int PasswordMinimum = 12;

    public const int PasswordMaximum = 256;
}
