namespace IntegrationLedger.Web.Pages;

/// <summary>
/// Marks a GET handler that shows the page at the confirmation step of a destructive action (the page asks,
/// naming what will break, before a POST acts). Like the page itself, it is a 404 when its address names
/// nothing in the ledger, rather than a refusal.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConfirmationStepAttribute : Attribute;
