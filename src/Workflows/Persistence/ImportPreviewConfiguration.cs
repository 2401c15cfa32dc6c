using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfWorkflow.Workflows.Import;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class ImportPreviewConfiguration : IEntityTypeConfiguration<ImportPreview>
{
    public void Configure(EntityTypeBuilder<ImportPreview> builder)
    {
        builder.ToTable("import_previews");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.OwnerId);
        builder.HasIndex(p => p.ExpiresAt);
        // Concurrency token: two confirms racing each other — only one writes.
        builder.Property(p => p.ConfirmedAt).IsConcurrencyToken();
    }
}
