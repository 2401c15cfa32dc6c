using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> builder)
    {
        builder.ToTable("sections");
        builder.Property(s => s.Id).HasMaxLength(32);
        builder.Property(s => s.Name).HasMaxLength(100);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.ToTable("users");
        builder.HasIndex(u => u.UserName).IsUnique();
        builder.Property(u => u.UserName).HasMaxLength(64);
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(32);
        builder.Property(u => u.SectionId).HasMaxLength(32);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);
    }
}

internal sealed class BudgetCycleConfiguration : IEntityTypeConfiguration<BudgetCycle>
{
    public void Configure(EntityTypeBuilder<BudgetCycle> builder)
    {
        builder.ToTable("budget_cycles");
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
    }
}

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

internal sealed class DeclarationVersionConfiguration : IEntityTypeConfiguration<DeclarationVersion>
{
    public void Configure(EntityTypeBuilder<DeclarationVersion> builder)
    {
        builder.ToTable("declaration_versions");
        builder.HasIndex(v => new { v.DeclarationId, v.Number }).IsUnique();
        builder.Property(v => v.Reason).HasConversion<string>().HasMaxLength(32);
        builder.Property(v => v.Stage).HasConversion<string>().HasMaxLength(32);
        builder.Property(v => v.Sha256).HasMaxLength(64);
    }
}

internal sealed class ReviewCommentConfiguration : IEntityTypeConfiguration<ReviewComment>
{
    public void Configure(EntityTypeBuilder<ReviewComment> builder)
    {
        builder.ToTable("review_comments");
        builder.HasIndex(c => new { c.DeclarationId, c.Version });
    }
}

internal sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> builder)
    {
        builder.ToTable("work_tasks");
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.CandidateRole).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.CandidateSectionId).HasMaxLength(32);
        builder.Property(t => t.Outcome).HasMaxLength(32);
        builder.Ignore(t => t.IsOpen);
        builder.HasIndex(t => new { t.DeclarationId, t.CompletedAt });
        builder.HasIndex(t => new { t.CompletedAt, t.DueAt });
        builder.HasIndex(t => new { t.AssigneeId, t.CompletedAt });
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.Property(a => a.Action).HasMaxLength(32);
        builder.Property(a => a.FromStage).HasMaxLength(32);
        builder.Property(a => a.ToStage).HasMaxLength(32);
        builder.Property(a => a.Ip).HasMaxLength(64);
        builder.HasIndex(a => a.DeclarationId);
        builder.HasIndex(a => a.PackageCycleYear);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.HasKey(r => new { r.UserId, r.Key });
        builder.Property(r => r.Key).HasMaxLength(128);
        builder.Property(r => r.Request).HasMaxLength(300);
    }
}

internal sealed class PackageConfiguration : IEntityTypeConfiguration<Package>
{
    public void Configure(EntityTypeBuilder<Package> builder)
    {
        builder.ToTable("packages");
        builder.HasKey(p => p.CycleYear);
        builder.Property(p => p.CycleYear).ValueGeneratedNever();
        builder.Property(p => p.Stage).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.SnapshotSha256).HasMaxLength(64);
    }
}
