using Topo.Core;
using Topo.Core.Validation;
using YamlDotNet.RepresentationModel;

namespace Topo.Cli.Tests;

/// <summary>
/// deploy/kubernetes/ as Kubernetes would read it: the DaemonSet has what topo needs on a node, and its
/// command, with the node's name put in, is one topo's command tree accepts for a host of the ConfigMap's lab.
/// </summary>
public sealed class DeployManifestTests
{
    private static readonly string Folder = Path.Combine(CliRun.Repo(), "deploy", "kubernetes");
    private readonly YamlMappingNode _pod = Map(Map(Map(Document("daemonset.yaml"), "spec"), "template"), "spec");

    [Fact]
    public void The_daemonset_runs_privileged_on_the_nodes_network_and_pids()
    {
        Assert.Equal("DaemonSet", Scalar(Document("daemonset.yaml"), "kind"));
        Assert.Equal("true", Scalar(_pod, "hostNetwork"));
        Assert.Equal("true", Scalar(_pod, "hostPID"));
        Assert.Equal("true", Scalar(Map(Container(), "securityContext"), "privileged"));
    }

    [Theory]
    [InlineData("/run/netns")]
    [InlineData("/run/topo")]
    public void The_nodes_run_folder_is_mounted_with_bidirectional_propagation(string path)
    {
        var mount = Assert.Single(Sequence(Container(), "volumeMounts").Cast<YamlMappingNode>(), m => Scalar(m, "mountPath") == path);
        Assert.Equal("Bidirectional", Scalar(mount, "mountPropagation"));
        var volume = Assert.Single(Sequence(_pod, "volumes").Cast<YamlMappingNode>(), v => Scalar(v, "name") == Scalar(mount, "name"));
        Assert.Equal(path, Scalar(Map(volume, "hostPath"), "path"));
    }

    [Fact]
    public void Node_name_comes_from_the_pods_node()
    {
        var env = Assert.Single(Sequence(Container(), "env").Cast<YamlMappingNode>(), e => Scalar(e, "name") == "NODE_NAME");
        Assert.Equal("spec.nodeName", Scalar(Map(Map(env, "valueFrom"), "fieldRef"), "fieldPath"));
    }

    [Fact]
    public void The_lab_at_lab_is_the_configmaps_and_is_valid()
    {
        var mount = Assert.Single(Sequence(Container(), "volumeMounts").Cast<YamlMappingNode>(), m => Scalar(m, "mountPath") == "/lab");
        var volume = Assert.Single(Sequence(_pod, "volumes").Cast<YamlMappingNode>(), v => Scalar(v, "name") == Scalar(mount, "name"));
        Assert.Equal(Scalar(Map(Document("configmap.yaml"), "metadata"), "name"), Scalar(Map(volume, "configMap"), "name"));

        var lab = Lab();
        Assert.True(lab.Spans);
        Assert.True(lab.Hosts.Length >= 2);
    }

    [Fact]
    public void The_command_with_each_node_name_is_an_apply_watch_of_that_host_that_topo_accepts()
    {
        var command = Sequence(Container(), "command").Cast<YamlScalarNode>().Select(s => s.Value!).ToList();
        Assert.Equal("topo", command[0]);
        Assert.Contains("$(NODE_NAME)", command);
        Assert.Equal("/lab/lab.yaml", command[2]);

        foreach (var host in Lab().Hosts.Select(h => h.Name))
        {
            var args = command.Skip(1).Select(a => a.Replace("$(NODE_NAME)", host)).ToArray();
            var error = new StringWriter();
            var parse = TopoApp.Parse(args, new Terminal(new StringWriter(), error, IsInteractive: false));

            Assert.True(parse.Errors.Count == 0, string.Join("\n", parse.Errors.Select(e => e.Message)));
            Assert.Equal("apply", parse.CommandResult.Command.Name);
            Assert.Equal(host, parse.GetValue<string?>(CommonOptions.HostName));
            Assert.Equal(WatchOption.DefaultInterval, parse.GetValue<TimeSpan>("--watch"));
        }
    }

    private static ValidatedLab Lab()
    {
        var text = Scalar(Map(Document("configmap.yaml"), "data"), "lab.yaml") ?? "";
        var result = LabLoader.LoadText("configmap.yaml:lab.yaml", text);
        Assert.True(result.Ok, string.Join("\n", result.Lines));
        return result.Lab!;
    }

    private YamlMappingNode Container() => (YamlMappingNode)Assert.Single(Sequence(_pod, "containers"));

    private static YamlMappingNode Document(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Folder, file))));
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => Assert.IsType<YamlMappingNode>(node[key]);

    private static YamlSequenceNode Sequence(YamlMappingNode node, string key) => Assert.IsType<YamlSequenceNode>(node[key]);

    private static string? Scalar(YamlMappingNode node, string key) => Assert.IsType<YamlScalarNode>(node[key]).Value;
}
