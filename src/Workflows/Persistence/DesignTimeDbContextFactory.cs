using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PerfWorkflow.Workflows.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a running app or server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PerfWorkflowDbContext>
{
    public PerfWorkflowDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PerfWorkflowDbContext>()
            .UseNpgsql("Host=localhost;Database=perfworkflow_design", PerfWorkflowDatabase.ConfigureNpgsql)
            .Options);
}
