using IntegrationLedger.Application.Features.Tokens.Secrets;

namespace IntegrationLedger.Application.Features.Scanning.Matching;

/// <summary>A known secret seen in some content: where it starts (in bytes from the content's start) and how long it is.</summary>
internal readonly record struct Sighting(long Offset, int Length, KnownSecret Secret);
