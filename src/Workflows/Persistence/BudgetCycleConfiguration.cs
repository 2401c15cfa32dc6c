using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfWorkflow.Workflows.Organisation;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class BudgetCycleConfiguration : IEntityTypeConfiguration<BudgetCycle>
{
    public void Configure(EntityTypeBuilder<BudgetCycle> builder)
    {
        builder.ToTable("budget_cycles");
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
    }
}
