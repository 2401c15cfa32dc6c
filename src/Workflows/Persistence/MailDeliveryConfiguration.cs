using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class MailDeliveryConfiguration : IEntityTypeConfiguration<MailDelivery>
{
    public void Configure(EntityTypeBuilder<MailDelivery> builder)
    {
        builder.ToTable("mail_deliveries");
        builder.HasIndex(d => new { d.EventId, d.Recipient, d.Template }).IsUnique();
        builder.HasIndex(d => d.Status);
        builder.Property(d => d.Recipient).HasMaxLength(320);
        builder.Property(d => d.Template).HasMaxLength(64);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Subject).HasMaxLength(500);
        builder.Property(d => d.LastError).HasMaxLength(2000);
        builder.Property(d => d.EventType).HasMaxLength(300);
    }
}
