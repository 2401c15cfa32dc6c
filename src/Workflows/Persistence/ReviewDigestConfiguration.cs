using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfWorkflow.Workflows.Notices;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class NotificationSettingConfiguration : IEntityTypeConfiguration<NotificationSetting>
{
    public void Configure(EntityTypeBuilder<NotificationSetting> builder)
    {
        builder.ToTable("notification_settings");
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.ReviewNotice).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class ReviewDigestItemConfiguration : IEntityTypeConfiguration<ReviewDigestItem>
{
    public void Configure(EntityTypeBuilder<ReviewDigestItem> builder)
    {
        builder.ToTable("review_digest_items");
        builder.Property(i => i.Comment).HasMaxLength(4000);
        // Idempotent per integration event: a redelivered DeclarationSubmitted finds its item and adds none.
        builder.HasIndex(i => new { i.EventId, i.RecipientId }).IsUnique();
        // The job's look-up of what waits and is due; the digest consumer's look-up of what it claimed.
        builder.HasIndex(i => new { i.DigestEventId, i.DueAt });
        builder.HasIndex(i => i.RecipientId);
    }
}
