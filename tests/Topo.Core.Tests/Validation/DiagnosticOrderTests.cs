namespace Topo.Core.Tests.Validation;

public sealed class DiagnosticOrderTests
{
    [Fact]
    public void All_errors_come_at_once_in_file_order_and_there_is_no_lab()
    {
        var result = new LabBuilder()
            .Lab("Bad")
            .Bridge("br0", subnet: "10.0.0.1/24")
            .Node("a", sysctls: [("kernel.panic", "1")])
            .Link("a:eth0", "nowhere")
            .Check("a", "a", expect: "sometimes")
            .Validate();

        Assert.Null(result.Lab);
        Assert.Equal(
            [
                "lab",
                "bridges.br0.subnet",
                "nodes.a.sysctls.kernel.panic",
                "links[0]",
                "checks[0].to",
                "checks[0].expect",
            ],
            result.Diagnostics.Select(d => d.Path));
        Assert.Equal(result.Diagnostics.OrderBy(d => d.Mark.Line).Select(d => d.Mark), result.Diagnostics.Select(d => d.Mark));
    }

    [Fact]
    public void A_diagnostic_points_at_the_value_at_fault()
    {
        var file = new LabBuilder().Nodes("a").Link("a:eth0", "b:eth0").Build();

        var diagnostic = Assert.Single(Topo.Core.Validation.LabValidator.Validate(file).Diagnostics);
        Assert.Equal(file.Links[0].Endpoints[1].Mark, diagnostic.Mark);
        Assert.Equal("lab.yaml:4:1: links[0]: endpoint 'b:eth0' names no node (nodes: a)", diagnostic.Format("lab.yaml"));
    }

    [Fact]
    public void A_valid_lab_has_no_diagnostics() => Assert.True(Examples.Dockerish().Validate() is { Lab: not null, Diagnostics.IsEmpty: true });
}
