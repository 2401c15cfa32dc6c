using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerfWorkflow.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DeclarationsToastTarget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "declarations")
                .Annotation("Npgsql:StorageParameter:toast_tuple_target", 512)
                .OldAnnotation("Npgsql:StorageParameter:toast_tuple_target", 256);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "declarations")
                .Annotation("Npgsql:StorageParameter:toast_tuple_target", 256)
                .OldAnnotation("Npgsql:StorageParameter:toast_tuple_target", 512);
        }
    }
}
