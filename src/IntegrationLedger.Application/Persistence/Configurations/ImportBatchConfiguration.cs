using IntegrationLedger.Domain.Importing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.ToTable("ImportBatches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.FileName).HasMaxLength(1000);
        builder.Property(b => b.Sha256).HasMaxLength(64);
        builder.HasIndex(b => b.Sha256);
        builder.Property(b => b.Format).HasMaxLength(40);
        builder.Property(b => b.TimeZone).HasMaxLength(100);
        builder.Property(b => b.Actor).HasMaxLength(200);
        builder.ComplexProperty(b => b.Counts);
        builder.Property(b => b.EventsDigest).HasMaxLength(64);
        builder.Property(b => b.SetAsideTypes).HasMaxLength(ImportBatch.SetAsideTypesMaxLength);
    }
}
