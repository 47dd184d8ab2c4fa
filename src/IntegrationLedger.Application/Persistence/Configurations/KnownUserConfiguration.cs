using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class KnownUserConfiguration : IEntityTypeConfiguration<KnownUser>
{
    public void Configure(EntityTypeBuilder<KnownUser> builder)
    {
        builder.ToTable("KnownUsers");
        builder.HasKey(u => u.UserId);
        builder.Property(u => u.UserId).HasMaxLength(18);
        builder.Property(u => u.Username).HasMaxLength(320);
    }
}
