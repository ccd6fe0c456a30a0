package diff_test

import (
	"reflect"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/diff"
	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

func TestNewMatrix(t *testing.T) {
	newer := api("v1.10.0",
		group("", "v1", version("v1", model.Resource{Name: "pods"})),
		group("batch", "v1", version("v1", model.Resource{Name: "cronjobs"}), version("v1beta1", model.Resource{Name: "cronjobs"})))
	older := api("v1.9.2",
		group("", "v1", version("v1", model.Resource{Name: "pods"})),
		group("batch", "v1", version("v1", model.Resource{Name: "jobs"}), version("v1beta1", model.Resource{Name: "cronjobs"})))
	// given newest first: columns must come out oldest first (1.9 < 1.10, not string order)
	m := diff.NewMatrix([]diff.MatrixInput{{Source: "new", API: newer}, {Source: "old", API: older}})

	wantCols := []model.MatrixColumn{{Label: "v1.9.2", Version: "v1.9.2", Source: "old"}, {Label: "v1.10.0", Version: "v1.10.0", Source: "new"}}
	if !reflect.DeepEqual(m.Columns, wantCols) {
		t.Errorf("columns = %+v", m.Columns)
	}
	none := model.MatrixCell{Versions: []string{}}
	wantRows := []model.MatrixRow{
		{Group: "", Resource: "pods", Cells: []model.MatrixCell{{Versions: []string{"v1"}, Preferred: "v1"}, {Versions: []string{"v1"}, Preferred: "v1"}}},
		{Group: "batch", Resource: "cronjobs", Cells: []model.MatrixCell{
			{Versions: []string{"v1beta1"}, Preferred: "v1beta1"}, // the preferred v1 lacks it: kubectl shows v1beta1
			{Versions: []string{"v1", "v1beta1"}, Preferred: "v1"},
		}},
		{Group: "batch", Resource: "jobs", Cells: []model.MatrixCell{{Versions: []string{"v1"}, Preferred: "v1"}, none}},
	}
	if !reflect.DeepEqual(m.Rows, wantRows) {
		t.Errorf("rows =\n%+v\nwant\n%+v", m.Rows, wantRows)
	}
	if c, ok := m.ServedSince("batch", "cronjobs"); !ok || c.Label != "v1.9.2" {
		t.Errorf("ServedSince(batch, cronjobs) = %+v, %v", c, ok)
	}
	if _, ok := m.ServedSince("batch", "nothing"); ok {
		t.Error("ServedSince(batch, nothing) found a column")
	}
}

func TestNewMatrixDuplicateAndUnknownVersions(t *testing.T) {
	a := api("v1.33.13", group("", "v1", version("v1", model.Resource{Name: "pods"})))
	b := api("v1.33.13", group("", "v1", version("v1", model.Resource{Name: "pods"})))
	c := api("", group("", "v1", version("v1", model.Resource{Name: "pods"})))
	m := diff.NewMatrix([]diff.MatrixInput{{Source: "x", API: a}, {Source: "y", API: b}, {Source: "z", API: c}})
	var labels []string
	for _, col := range m.Columns {
		labels = append(labels, col.Label)
	}
	// an input without a version keeps the given order for all
	eq(t, "labels", labels, []string{"v1.33.13 (x)", "v1.33.13 (y)", "z"})
}

func TestMatrixOfRecordings(t *testing.T) {
	m := diff.NewMatrix([]diff.MatrixInput{
		{Source: "v1.33.13", API: loadFixture(t, "v1.33.13")},
		{Source: "v1.29.6", API: loadFixture(t, "v1.29.6")},
	})
	row, ok := m.Row("flowcontrol.apiserver.k8s.io", "flowschemas")
	if !ok {
		t.Fatal("no row for flowcontrol.apiserver.k8s.io/flowschemas")
	}
	want := []model.MatrixCell{{Versions: []string{"v1", "v1beta3"}, Preferred: "v1"}, {Versions: []string{"v1"}, Preferred: "v1"}}
	if !reflect.DeepEqual(row.Cells, want) {
		t.Errorf("flowschemas cells = %+v, want %+v", row.Cells, want)
	}
	if c, ok := m.ServedSince("networking.k8s.io", "servicecidrs"); !ok || c.Version != "v1.33.13" {
		t.Errorf("servicecidrs served since %+v, %v; want v1.33.13", c, ok)
	}
	if c, ok := m.ServedSince("", "pods"); !ok || c.Version != "v1.29.6" {
		t.Errorf("pods served since %+v, %v; want v1.29.6", c, ok)
	}
}
