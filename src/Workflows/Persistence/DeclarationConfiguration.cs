using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class DeclarationConfiguration : IEntityTypeConfiguration<Declaration>
{
    public void Configure(EntityTypeBuilder<Declaration> builder)
    {
        builder.ToTable("declarations");
        builder.Property(d => d.Stage).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Property(d => d.SectionId).HasMaxLength(32);
        builder.Property(d => d.Code).HasMaxLength(64);
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.Property(d => d.ProjectTypeCode).HasMaxLength(16);
        builder.Property(d => d.DueBasis).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.CurrentYearAmountYuan).HasPrecision(18, 2);
        // The dashboard counts and times stages per 科室 from this index alone (an index-only scan at 100 000 rows).
        builder.HasIndex(d => new { d.CycleYear, d.SectionId, d.Stage }).IncludeProperties(d => d.StageEnteredAt);
        // The overdue list walks due times in order and stops at its limit instead of sorting the whole cycle.
        builder.HasIndex(d => new { d.CycleYear, d.DueAt });
        // The form JSON (~5 KB, ~1.6 KB compressed) goes out of line: scans stay on a narrow heap and an action's UPDATE
        // rewrites ~400 bytes instead of ~2 KB (PostgreSQL only; SQLite ignores it). 512, not less: below the ~400 bytes
        // of the other columns PostgreSQL moves 项目名称 out of line too, and sorting the overdue list by name then
        // fetched every name from the TOAST table at each comparison (300 ms instead of ~30 at 22 000 rows).
        builder.HasStorageParameter("toast_tuple_target", 512);
    }
}
