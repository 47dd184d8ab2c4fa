using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class TokenUsageConfiguration : IEntityTypeConfiguration<TokenUsage>
{
    public void Configure(EntityTypeBuilder<TokenUsage> builder)
    {
        builder.ToTable("TokenUsages");
        builder.HasKey(u => u.Id);
        // Ids are made by the domain (version 7 GUIDs), so a new child found through a navigation is an insert, not an update.
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Purpose).HasMaxLength(2000);
        builder.HasOne<Integration>().WithMany().HasForeignKey(u => u.IntegrationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(u => u.SetUpById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.TokenId, u.IntegrationId });
        builder.Ignore(u => u.IsInEffect);
    }
}
