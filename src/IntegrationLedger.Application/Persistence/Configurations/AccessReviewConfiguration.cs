using IntegrationLedger.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class AccessReviewConfiguration : IEntityTypeConfiguration<AccessReview>
{
    public void Configure(EntityTypeBuilder<AccessReview> builder)
    {
        builder.ToTable("AccessReviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Quarter).HasMaxLength(10);
        builder.HasIndex(r => r.Quarter).IsUnique();
        builder.Property(r => r.StartedBy).HasMaxLength(200);
        builder.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.ReviewId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Items).HasField("_items");
        builder.Ignore(r => r.IsComplete);
    }
}

internal sealed class ReviewItemConfiguration : IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<ReviewItem> builder)
    {
        builder.ToTable("ReviewItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.SubjectType).HasMaxLength(40);
        builder.Property(i => i.Subject).HasMaxLength(500);
        builder.Property(i => i.Note).HasMaxLength(2000);
        builder.Property(i => i.DecidedBy).HasMaxLength(200);
        builder.Ignore(i => i.ShortId);
    }
}
