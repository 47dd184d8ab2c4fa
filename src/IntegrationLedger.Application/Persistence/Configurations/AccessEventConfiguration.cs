using IntegrationLedger.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class AccessEventConfiguration : IEntityTypeConfiguration<AccessEvent>
{
    public void Configure(EntityTypeBuilder<AccessEvent> builder)
    {
        builder.ToTable("AccessEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Email).HasMaxLength(320);
        builder.Property(e => e.Detail).HasMaxLength(400);
        builder.Property(e => e.RemoteAddress).HasMaxLength(64);
        builder.HasIndex(e => e.OccurredAt);
    }
}
