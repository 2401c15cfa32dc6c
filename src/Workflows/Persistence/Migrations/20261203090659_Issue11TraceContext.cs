using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerfWorkflow.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Issue11TraceContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "outbox_messages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "outbox_messages");
        }
    }
}
