using IntegrationLedger.Domain.ConnectedApps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class ConnectedAppConfiguration : IEntityTypeConfiguration<ConnectedApp>
{
    public void Configure(EntityTypeBuilder<ConnectedApp> builder)
    {
        builder.ToTable("ConnectedApps");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.SalesforceId).HasMaxLength(18);
        builder.HasIndex(a => a.SalesforceId).IsUnique();
        // Names are not unique in Salesforce, but OAuth tokens and API events name their app by it.
        builder.Property(a => a.Name).HasMaxLength(255);
        builder.HasIndex(a => a.Name);
        builder.Property(a => a.StartUrl).HasMaxLength(2000);
        builder.Property(a => a.Vendor).HasMaxLength(200);
        builder.Ignore(a => a.Policy);
    }
}
