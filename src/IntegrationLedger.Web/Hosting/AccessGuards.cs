using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Users;

namespace IntegrationLedger.Web.Hosting;

/// <summary>
/// What keeps strangers from using the server against its users: the sign-in throttle, the access-event log
/// that counts repeated refusals instead of writing each, and the housekeeping that writes those counts and
/// removes expired downloads. One per server, shared by every request.
/// </summary>
internal static class AccessGuards
{
    public static IServiceCollection AddAccessGuards(this IServiceCollection services, LedgerWebOptions options)
    {
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton(new AccessEventLog(options.Clock, (actor, cancellationToken) => Ledger.OpenAsync(options.LedgerOptionsFor(actor), cancellationToken)));
        services.AddHostedService<Housekeeping>();
        return services;
    }
}
