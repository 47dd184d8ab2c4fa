using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Findings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> builder)
    {
        builder.ToTable("Findings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.RuleId).HasMaxLength(60);
        builder.Property(f => f.SubjectType).HasMaxLength(40);
        builder.Property(f => f.SubjectKey).HasMaxLength(Finding.SubjectKeyMaxLength);
        // One finding per rule and subject (a token and an integration may share a name): running the rules again updates it.
        builder.HasIndex(f => new { f.RuleId, f.SubjectType, f.SubjectKey }).IsUnique();
        builder.Property(f => f.Summary).HasMaxLength(2000);
        builder.Property(f => f.Note).HasMaxLength(2000);
        builder.Property(f => f.ActedBy).HasMaxLength(200);
        builder.Property(f => f.ClosedReason).HasMaxLength(200);
        builder.Property(f => f.LastSeenAt).HasAnnotation(AuditAnnotations.Ignored, true);
        builder.Property(f => f.Occurrences).HasAnnotation(AuditAnnotations.Ignored, true);
        builder.Ignore(f => f.ShortId);
        builder.Ignore(f => f.IsOpen);
    }
}
