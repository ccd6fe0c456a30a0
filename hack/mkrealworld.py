#!/usr/bin/env python3
"""Regenerates generator/recording/testdata/realworld/: recordings shaped
like what real servers send and kubectl reads (issue 12). Each folder has a
README.md saying what it imitates. cmd/kube-apidocs/realworld_test.go runs
the real kubectl against `kube-apidocs serve` of each.
Usage: hack/mkrealworld.py   (from the repository root)"""
import json, os, shutil

OUT = "generator/recording/testdata/realworld"
VERSION = {"major": "1", "minor": "33", "gitVersion": "v1.33.13", "platform": "linux/amd64"}


def write(case, name, doc):
    os.makedirs(os.path.join(OUT, case), exist_ok=True)
    with open(os.path.join(OUT, case, name), "w") as f:
        if isinstance(doc, str):
            f.write(doc)
        else:
            json.dump(doc, f, separators=(",", ":"))


def res(name, kind, namespaced=True, verbs=("get", "list"), singular="", **extra):
    r = {"name": name, "singularName": singular, "namespaced": namespaced, "kind": kind, "verbs": list(verbs)}
    r.update(extra)
    return r


def rlist(gv, resources):
    return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": resources}


def glist(groups):
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": [
        {"name": g, "versions": [{"groupVersion": g + "/" + v, "version": v} for v in vs],
         "preferredVersion": {"groupVersion": g + "/" + vs[0], "version": vs[0]}} for g, vs in groups]}


def agg_resource(r, gv):
    group, _, version = gv.rpartition("/")
    return {"resource": r["name"], "responseKind": {"group": group, "version": version, "kind": r["kind"]},
            "scope": "Namespaced" if r["namespaced"] else "Cluster", "singularResource": r["singularName"],
            "verbs": r["verbs"], **{k: r[k] for k in ("shortNames", "categories") if k in r}}


def agg(items):
    return {"kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": {}, "items": [
        {"metadata": {"name": g, "creationTimestamp": None},
         "versions": [{"version": v, "resources": [agg_resource(r, g + "/" + v) for r in rs], "freshness": "Current"}
                      for v, rs in versions]} for g, versions in items]}


CORE = [res("configmaps", "ConfigMap", verbs=("create", "delete", "get", "list", "patch", "update", "watch"), singular="configmap", shortNames=["cm"]),
        res("namespaces", "Namespace", namespaced=False, verbs=("create", "delete", "get", "list", "patch", "update", "watch"), singular="namespace", shortNames=["ns"])]
CORE_LIST = rlist("v1", CORE)
API = {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "10.0.0.1:6443"}]}


def openshift_apiserver():
    """OpenShift's openshift-apiserver answered directly: no /api, a legacy
    /apis that lists no groups, aggregated discovery that lists them."""
    c = "openshift-apiserver"
    apps = [res("deploymentconfigs", "DeploymentConfig", verbs=("create", "delete", "get", "list", "patch", "update", "watch"), singular="deploymentconfig", shortNames=["dc"], categories=["all"])]
    routes = [res("routes", "Route", verbs=("create", "delete", "get", "list", "patch", "update", "watch"), singular="route", categories=["all"])]
    write(c, "version.json", VERSION)
    write(c, "apis.json", glist([]))
    write(c, "aggregated_v2.json", agg([("apps.openshift.io", [("v1", apps)]), ("route.openshift.io", [("v1", routes)])]))
    write(c, "apis__apps.openshift.io__v1.json", rlist("apps.openshift.io/v1", apps))
    write(c, "apis__route.openshift.io__v1.json", rlist("route.openshift.io/v1", routes))
    write(c, "README.md", "OpenShift's openshift-apiserver answered directly: no /api (404), a legacy /apis\nthat lists no groups, aggregated discovery that lists apps.openshift.io and\nroute.openshift.io. kubectl reads the aggregated documents.\n")


def metrics_adapter():
    """A cluster with a custom and an external metrics adapter (legacy
    discovery, as kube-apiserver before aggregated discovery): metric names
    that are not DNS subdomains, with upper case and with "/"."""
    c = "metrics-adapter"
    custom = [res("*/agent.googleapis.com|agent|api_request_count", "MetricValueList", verbs=("get",)),
              res("pods/http_requests", "MetricValueList", verbs=("get",)),
              res("namespaces/queue_messages_ready", "MetricValueList", namespaced=False, verbs=("get",))]
    external = [res("s0-rabbitmq-queueName", "ExternalMetricValueList", verbs=("get",)),
                res("s1-Kafka_Lag", "ExternalMetricValueList", verbs=("get",))]
    write(c, "version.json", VERSION)
    write(c, "api.json", API)
    write(c, "api__v1.json", CORE_LIST)
    write(c, "apis.json", glist([("custom.metrics.k8s.io", ["v1beta1"]), ("external.metrics.k8s.io", ["v1beta1"])]))
    write(c, "apis__custom.metrics.k8s.io__v1beta1.json", rlist("custom.metrics.k8s.io/v1beta1", custom))
    write(c, "apis__external.metrics.k8s.io__v1beta1.json", rlist("external.metrics.k8s.io/v1beta1", external))
    write(c, "README.md", "Metric adapters serve metric names as resources: upper case\n(s0-rabbitmq-queueName) and with \"/\" (*/agent.googleapis.com|agent|api_request_count),\nwhich kubectl takes for subresources and leaves out.\n")


def empty_external_metrics(aggregated):
    """An external-metrics adapter with no metrics: an empty resource list."""
    c = "empty-external-metrics" + ("-aggregated" if aggregated else "")
    write(c, "version.json", VERSION)
    write(c, "api.json", API)
    write(c, "api__v1.json", CORE_LIST)
    write(c, "apis.json", glist([("external.metrics.k8s.io", ["v1beta1"])]))
    write(c, "apis__external.metrics.k8s.io__v1beta1.json", rlist("external.metrics.k8s.io/v1beta1", []))
    if aggregated:
        core = agg([("", [("v1", CORE)])])
        write(c, "aggregated_api_v2.json", core)
        write(c, "aggregated_v2.json", agg([("external.metrics.k8s.io", [("v1beta1", [])])]))
    write(c, "README.md", "An external-metrics adapter with no metrics: external.metrics.k8s.io/v1beta1\nanswers an empty resource list%s.\n" % (" (and aggregated discovery too)" if aggregated else ""))


def curl_paste():
    """What people paste from curl: /version, /api and /apis only."""
    c = "curl-paste"
    write(c, "version.json", VERSION)
    write(c, "api.json", API)
    write(c, "apis.json", glist([("apps", ["v1"]), ("batch", ["v1"])]))
    write(c, "README.md", "Only /version, /api and /apis, as pasted from curl: every group-version\ndocument is missing and is answered 404, as a live server that lost it would.\n")


shutil.rmtree(OUT, ignore_errors=True)
openshift_apiserver()
metrics_adapter()
empty_external_metrics(False)
empty_external_metrics(True)
curl_paste()
print("wrote", len(os.listdir(OUT)), "recordings into", OUT)
