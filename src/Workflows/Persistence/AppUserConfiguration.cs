using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfWorkflow.Workflows.Organisation;

namespace PerfWorkflow.Workflows.Persistence;

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
