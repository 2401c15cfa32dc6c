using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class ReminderDigestConfiguration : IEntityTypeConfiguration<ReminderDigest>
{
    public void Configure(EntityTypeBuilder<ReminderDigest> builder)
    {
        builder.ToTable("reminder_digests");
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        // The exactly-once guard of the digest: one per recipient, day and kind.
        builder.HasIndex(d => new { d.RecipientId, d.Day, d.Kind }).IsUnique();
    }
}
