using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class FormerSecretConfiguration : IEntityTypeConfiguration<FormerSecret>
{
    public void Configure(EntityTypeBuilder<FormerSecret> builder)
    {
        builder.ToTable("FormerSecrets");
        builder.HasKey(s => s.Id);
        // Ids are made by the domain (version 7 GUIDs), so a new child found through a navigation is an insert, not an update.
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Fingerprint).HasMaxLength(64).HasAnnotation(AuditAnnotations.Redacted, true);
        // A value is one token's, once: a reset to a value any token ever had is refused, so find never has to choose.
        builder.HasIndex(s => s.Fingerprint).IsUnique();
        builder.Property(s => s.Ending).HasMaxLength(SecretEnding.LongestShown);
        builder.HasIndex(s => s.TokenId);
    }
}
