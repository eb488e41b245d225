using System.Text;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Testing;

namespace Topo.Core.Tests.Validation;

public sealed class CompleteExampleTests
{
    [Fact]
    public void The_spec_example_gives_its_full_desired_state()
    {
        var lab = Examples.Dockerish().Valid();

        var text = new StringBuilder();
        foreach (var resource in lab.Desired.Resources)
        {
            text.Append(resource.Key).Append(" | ").Append(resource.Describe()).Append(" | owner ").AppendLine(resource.Owner);
            foreach (var attr in resource.Attributes.Where(a => a.Value is not null))
                text.Append("    ").Append(attr.Name).Append(" = ").AppendLine(attr.Value!.Replace("\n", "\n      "));
            foreach (var dependency in resource.Dependencies)
                text.Append("    needs ").AppendLine(dependency.ToString());
        }

        Golden.Match("dockerish-desired", text.ToString());
    }

    [Fact]
    public void The_spec_example_has_masquerade_isolation_and_the_port_map_in_the_host_table()
    {
        var lab = Examples.Dockerish().Valid();

        var table = Assert.Single(lab.Desired.Resources.OfType<NftTableResource>());
        Assert.Equal(Netns.Host, table.Ns);
        Assert.Equal("topo-dockerish", table.Table);
        Assert.Equal(
            [
                new MasqueradeRule("172.17.0.0/16") { Comment = "masquerade docker0" },
                new HairpinMasqueradeRule("172.17.0.0/16") { Comment = "hairpin docker0" },
                new MasqueradeRule("172.21.0.0/16") { Comment = "masquerade personal" },
                new HairpinMasqueradeRule("172.21.0.0/16") { Comment = "hairpin personal" },
                new IsolationRule("personal", "docker0") { Comment = "isolated personal" },
                new IsolationRule("docker0", "personal") { Comment = "isolated personal" },
                new DnatRule(NftChain.Prerouting, "tcp", null, 8080, "172.17.0.4", 80) { Comment = "ports web 8080:80" },
                new DnatRule(NftChain.Output, "tcp", null, 8080, "172.17.0.4", 80) { Comment = "ports web 8080:80" },
            ],
            table.Rules.ToArray());
    }

    [Fact]
    public void Every_resource_is_owned_by_the_lab_and_keys_are_unique()
    {
        var lab = Examples.Dockerish().Valid();

        Assert.All(lab.Desired.Resources, r => Assert.Equal("dockerish", r.Owner));
        var claims = lab.Desired.Resources.SelectMany(r => r.ExtraClaims.Prepend(r.Key)).ToList();
        Assert.Equal(claims.Count, claims.Distinct().Count());
    }
}
