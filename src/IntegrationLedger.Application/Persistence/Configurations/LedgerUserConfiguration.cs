using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class LedgerUserConfiguration : IEntityTypeConfiguration<LedgerUser>
{
    public void Configure(EntityTypeBuilder<LedgerUser> builder)
    {
        builder.ToTable("Users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Email).HasMaxLength(320);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
        // A hash still lets a password be guessed offline, and the stamp would forge a session: the audit log shows neither.
        builder.Property(u => u.PasswordHash).HasMaxLength(200).HasAnnotation(AuditAnnotations.Redacted, true);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64).HasAnnotation(AuditAnnotations.Redacted, true);
        builder.Ignore(u => u.IsDisabled);
    }
}
