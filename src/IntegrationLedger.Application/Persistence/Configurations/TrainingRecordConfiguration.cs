using IntegrationLedger.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class TrainingRecordConfiguration : IEntityTypeConfiguration<TrainingRecord>
{
    public void Configure(EntityTypeBuilder<TrainingRecord> builder)
    {
        builder.ToTable("TrainingRecords");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.Course).HasMaxLength(200);
        builder.Property(t => t.RecordedBy).HasMaxLength(200);
        // The same course on the same day is one completion, recorded once however often it is imported.
        builder.HasIndex(t => new { t.PersonId, t.CompletedOn, t.Course }).IsUnique();
    }
}
