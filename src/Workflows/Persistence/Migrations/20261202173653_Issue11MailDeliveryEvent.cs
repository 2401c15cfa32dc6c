using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerfWorkflow.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Issue11MailDeliveryEvent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EventPayload",
                table: "mail_deliveries",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EventType",
                table: "mail_deliveries",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EventPayload",
                table: "mail_deliveries");

            migrationBuilder.DropColumn(
                name: "EventType",
                table: "mail_deliveries");
        }
    }
}
