{{/*
Labels of every object of a release; "component" is slice, merge, run or scenario.
Usage: {{ include "herd.labels" (dict "root" . "component" "slice") }}
*/}}
{{- define "herd.labels" -}}
app.kubernetes.io/name: herd
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The image of the herd containers. */}}
{{- define "herd.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag }}
{{- end -}}

{{/* The number of slices, checked. */}}
{{- define "herd.slices" -}}
{{- $n := int .Values.slices -}}
{{- if lt $n 1 -}}
{{- fail (printf "slices must be at least 1, not %v" .Values.slices) -}}
{{- end -}}
{{- $n -}}
{{- end -}}

{{/* The run id: run.id checked (1 to 8 hex digits), or a random one. */}}
{{- define "herd.runId" -}}
{{- if .Values.run.id -}}
{{- $id := toString .Values.run.id -}}
{{- if not (regexMatch "^[0-9a-fA-F]{1,8}$" $id) -}}
{{- fail (printf "run.id must be 1 to 8 hex digits (quote it in YAML), not %s" $id) -}}
{{- end -}}
{{- $id -}}
{{- else -}}
{{- uuidv4 | replace "-" "" | trunc 8 -}}
{{- end -}}
{{- end -}}

{{/* The start instant: run.startAt as given, or now + run.startDelay in RFC 3339 (UTC). */}}
{{- define "herd.startAt" -}}
{{- if .Values.run.startAt -}}
{{- if kindIs "float64" .Values.run.startAt -}}
{{- printf "%.0f" .Values.run.startAt -}}
{{- else -}}
{{- toString .Values.run.startAt -}}
{{- end -}}
{{- else -}}
{{- dateInZone "2006-01-02T15:04:05Z07:00" (now | mustDateModify (printf "+%s" .Values.run.startDelay)) "UTC" -}}
{{- end -}}
{{- end -}}

{{/* The environment of every herd container: the run's id and start from the run ConfigMap, the JVM options. */}}
{{- define "herd.env" -}}
- name: RUN_ID
  valueFrom:
    configMapKeyRef:
      name: {{ .Release.Name }}-run
      key: RUN_ID
- name: START_AT
  valueFrom:
    configMapKeyRef:
      name: {{ .Release.Name }}-run
      key: START_AT
{{- with .Values.javaOptions }}
- name: JAVA_TOOL_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* Requests equal to limits (Guaranteed QoS) from {cpu, memory}. */}}
{{- define "herd.resources" -}}
requests:
  cpu: {{ .cpu | quote }}
  memory: {{ .memory | quote }}
limits:
  cpu: {{ .cpu | quote }}
  memory: {{ .memory | quote }}
{{- end -}}
