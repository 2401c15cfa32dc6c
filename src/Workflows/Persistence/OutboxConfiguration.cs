using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => m.NextAttemptAt);
        builder.Property(m => m.MessageType).HasMaxLength(300);
        builder.Property(m => m.TraceParent).HasMaxLength(64);
    }
}

internal sealed class DeadLetterMessageConfiguration : IEntityTypeConfiguration<DeadLetterMessage>
{
    public void Configure(EntityTypeBuilder<DeadLetterMessage> builder)
    {
        builder.ToTable("dead_letter_messages");
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Property(m => m.MessageType).HasMaxLength(300);
    }
}
