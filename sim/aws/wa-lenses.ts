/**
 * The AWS official lenses the simulated Well-Architected Tool serves, as data: question and choice
 * ids, titles and API order as the real Tool returns them (reference/wa-tool.md sections 11 and
 * 7.3). Every lens question ends with its "None of these" choice; its id is per question and not
 * derivable by rule (`ops_telemetry_no` for `observability`), so it is stored, not computed.
 */

export interface WaChoice {
  ChoiceId: string;
  Title: string;
}

export interface WaQuestion {
  QuestionId: string;
  PillarId: string;
  QuestionTitle: string;
  /** In API order, "None of these" last. */
  Choices: readonly WaChoice[];
  /** The question's "None of these" choice id. */
  noneChoiceId: string;
}

export interface WaPillar {
  PillarId: string;
  PillarName: string;
}

export interface WaLens {
  LensAlias: string;
  LensArn: string;
  LensName: string;
  LensVersion: string;
  Description: string;
  /** Base of the best-practice pages; a choice's page is `<base><ChoiceId>.html`. */
  docsBase: string;
  Pillars: readonly WaPillar[];
  Questions: readonly WaQuestion[];
}

function q(pillarId: string, questionId: string, title: string, choices: [string, string][]): WaQuestion {
  const none = choices.find(([, t]) => t === 'None of these');
  if (!none) throw new Error(`lens question ${questionId} has no "None of these" choice`);
  return {
    QuestionId: questionId,
    PillarId: pillarId,
    QuestionTitle: title,
    Choices: choices.map(([ChoiceId, Title]) => ({ ChoiceId, Title })),
    noneChoiceId: none[0],
  };
}

const frameworkPillars: WaPillar[] = [
  { PillarId: 'operationalExcellence', PillarName: 'Operational Excellence' },
  { PillarId: 'security', PillarName: 'Security' },
  { PillarId: 'reliability', PillarName: 'Reliability' },
  { PillarId: 'performance', PillarName: 'Performance Efficiency' },
  { PillarId: 'costOptimization', PillarName: 'Cost Optimization' },
  { PillarId: 'sustainability', PillarName: 'Sustainability' },
];

/** Framework lens, version 2024-06-27: 57 questions, 364 choices (REL12's `test_functional` is not in this version). */
export const wellArchitectedLens: WaLens = {
  LensAlias: 'wellarchitected',
  LensArn: 'arn:aws:wellarchitected::aws:lens/wellarchitected',
  LensName: 'AWS Well-Architected Framework',
  LensVersion: '2024-06-27',
  Description:
    'AWS Well-Architected helps cloud architects build secure, high-performing, resilient, and efficient infrastructure for a variety of applications and workloads.',
  docsBase: 'https://docs.aws.amazon.com/wellarchitected/2024-06-27T08-00-00/framework/',
  Pillars: frameworkPillars,
  Questions: [
    q('operationalExcellence', 'priorities', 'How do you determine what your priorities are?', [
      ['ops_priorities_ext_cust_needs', 'Evaluate customer needs'],
      ['ops_priorities_int_cust_needs', 'Evaluate internal customer needs'],
      ['ops_priorities_governance_reqs', 'Evaluate governance requirements'],
      ['ops_priorities_compliance_reqs', 'Evaluate compliance requirements'],
      ['ops_priorities_eval_threat_landscape', 'Evaluate threat landscape'],
      ['ops_priorities_eval_tradeoffs', 'Evaluate tradeoffs while managing benefits and risks'],
      ['ops_priorities_no', 'None of these'],
    ]),
    q(
      'operationalExcellence',
      'ops-model',
      'How do you structure your organization to support your business outcomes?',
      [
        ['ops_ops_model_def_resource_owners', 'Resources have identified owners'],
        ['ops_ops_model_def_proc_owners', 'Processes and procedures have identified owners'],
        [
          'ops_ops_model_def_activity_owners',
          'Operations activities have identified owners responsible for their performance',
        ],
        [
          'ops_ops_model_def_responsibilities_ownership',
          'Mechanisms exist to manage responsibilities and ownership',
        ],
        [
          'ops_ops_model_req_add_chg_exception',
          'Mechanisms exist to request additions, changes, and exceptions',
        ],
        [
          'ops_ops_model_def_neg_team_agreements',
          'Responsibilities between teams are predefined or negotiated',
        ],
        ['ops_ops_model_no', 'None of these'],
      ],
    ),
    q(
      'operationalExcellence',
      'org-culture',
      'How does your organizational culture support your business outcomes?',
      [
        ['ops_org_culture_executive_sponsor', 'Provide executive sponsorship'],
        ['ops_org_culture_team_enc_escalation', 'Escalation is encouraged'],
        ['ops_org_culture_effective_comms', 'Communications are timely, clear, and actionable'],
        [
          'ops_org_culture_team_emp_take_action',
          'Team members are empowered to take action when outcomes are at risk',
        ],
        ['ops_org_culture_team_enc_experiment', 'Experimentation is encouraged'],
        [
          'ops_org_culture_team_enc_learn',
          'Team members are encouraged to maintain and grow their skill sets',
        ],
        ['ops_org_culture_team_res_appro', 'Resource teams appropriately'],
        ['ops_org_culture_no', 'None of these'],
      ],
    ),
    q('operationalExcellence', 'observability', 'How do you implement observability in your workload?', [
      ['ops_observability_identify_kpis', 'Identify key performance indicators'],
      ['ops_observability_application_telemetry', 'Implement application telemetry'],
      ['ops_observability_customer_telemetry', 'Implement user experience telemetry'],
      ['ops_observability_dependency_telemetry', 'Implement dependency telemetry'],
      ['ops_observability_dist_trace', 'Implement distributed tracing'],
      ['ops_telemetry_no', 'None of these'],
    ]),
    q(
      'operationalExcellence',
      'dev-integ',
      'How do you reduce defects, ease remediation, and improve flow into production?',
      [
        ['ops_dev_integ_version_control', 'Use version control'],
        ['ops_dev_integ_test_val_chg', 'Test and validate changes'],
        ['ops_dev_integ_conf_mgmt_sys', 'Use configuration management systems'],
        ['ops_dev_integ_build_mgmt_sys', 'Use build and deployment management systems'],
        ['ops_dev_integ_patch_mgmt', 'Perform patch management'],
        ['ops_dev_integ_share_design_stds', 'Share design standards'],
        ['ops_dev_integ_code_quality', 'Implement practices to improve code quality'],
        ['ops_dev_integ_multi_env', 'Use multiple environments'],
        ['ops_dev_integ_freq_sm_rev_chg', 'Make frequent, small, reversible changes'],
        ['ops_dev_integ_auto_integ_deploy', 'Fully automate integration and deployment'],
        ['ops_dev_integ_no', 'None of these'],
      ],
    ),
    q('operationalExcellence', 'mit-deploy-risks', 'How do you mitigate deployment risks?', [
      ['ops_mit_deploy_risks_plan_for_unsucessful_changes', 'Plan for unsuccessful changes'],
      ['ops_mit_deploy_risks_test_val_chg', 'Test deployments'],
      ['ops_mit_deploy_risks_deploy_mgmt_sys', 'Employ safe deployment strategies'],
      ['ops_mit_deploy_risks_auto_testing_and_rollback', 'Automate testing and rollback'],
      ['ops_mit_deploy_risks_no', 'None of these'],
    ]),
    q(
      'operationalExcellence',
      'ready-to-support',
      'How do you know that you are ready to support a workload?',
      [
        ['ops_ready_to_support_personnel_capability', 'Ensure personnel capability'],
        ['ops_ready_to_support_const_orr', 'Ensure a consistent review of operational readiness'],
        ['ops_ready_to_support_use_runbooks', 'Use runbooks to perform procedures'],
        ['ops_ready_to_support_use_playbooks', 'Use playbooks to investigate issues'],
        [
          'ops_ready_to_support_informed_deploy_decisions',
          'Make informed decisions to deploy systems and changes',
        ],
        ['ops_ready_to_support_enable_support_plans', 'Create support plans for production workloads'],
        ['ops_ready_to_support_no', 'None of these'],
      ],
    ),
    q(
      'operationalExcellence',
      'workload-observability',
      'How do you utilize workload observability in your organization?',
      [
        ['ops_workload_observability_create_alerts', 'Create actionable alerts'],
        ['ops_workload_observability_analyze_workload_metrics', 'Analyze workload metrics'],
        ['ops_workload_observability_analyze_workload_logs', 'Analyze workload logs'],
        ['ops_workload_observability_analyze_workload_traces', 'Analyze workload traces'],
        ['ops_workload_observability_create_dashboards', 'Create dashboards'],
        ['ops_workload_observability_no', 'None of these'],
      ],
    ),
    q('operationalExcellence', 'operations-health', 'How do you understand the health of your operations?', [
      ['ops_operations_health_measure_ops_goals_kpis', 'Measure operations goals and KPIs with metrics'],
      [
        'ops_operations_health_communicate_status_trends',
        'Communicate status and trends to ensure visibility into operation',
      ],
      [
        'ops_operations_health_review_ops_metrics_prioritize_improvement',
        'Review operations metrics and prioritize improvement',
      ],
      ['ops_operations_health_no', 'None of these'],
    ]),
    q('operationalExcellence', 'event-response', 'How do you manage workload and operations events?', [
      [
        'ops_event_response_event_incident_problem_process',
        'Use a process for event, incident, and problem management',
      ],
      ['ops_event_response_process_per_alert', 'Have a process per alert'],
      ['ops_event_response_prioritize_events', 'Prioritize operational events based on business impact'],
      ['ops_event_response_define_escalation_paths', 'Define escalation paths'],
      ['ops_event_response_push_notify', 'Define a customer communication plan for service-impacting events'],
      ['ops_event_response_dashboards', 'Communicate status through dashboards'],
      ['ops_event_response_auto_event_response', 'Automate responses to events'],
      ['ops_event_response_no', 'None of these'],
    ]),
    q('operationalExcellence', 'evolve-ops', 'How do you evolve operations?', [
      ['ops_evolve_ops_process_cont_imp', 'Have a process for continuous improvement'],
      ['ops_evolve_ops_perform_rca_process', 'Perform post-incident analysis'],
      ['ops_evolve_ops_feedback_loops', 'Implement feedback loops'],
      ['ops_evolve_ops_knowledge_management', 'Perform knowledge management'],
      ['ops_evolve_ops_drivers_for_imp', 'Define drivers for improvement'],
      ['ops_evolve_ops_validate_insights', 'Validate insights'],
      ['ops_evolve_ops_metrics_review', 'Perform operations metrics reviews'],
      ['ops_evolve_ops_share_lessons_learned', 'Document and share lessons learned'],
      ['ops_evolve_ops_allocate_time_for_imp', 'Allocate time to make improvements'],
      ['ops_evolve_ops_no', 'None of these'],
    ]),
    q('security', 'securely-operate', 'How do you securely operate your workload?', [
      ['sec_securely_operate_multi_accounts', 'Separate workloads using accounts'],
      ['sec_securely_operate_aws_account', 'Secure account root user and properties'],
      ['sec_securely_operate_control_objectives', 'Identify and validate control objectives'],
      ['sec_securely_operate_updated_threats', 'Stay up to date with security threats and recommendations'],
      ['sec_securely_operate_threat_model', 'Identify and prioritize risks using a threat model'],
      ['sec_securely_operate_reduce_management_scope', 'Reduce security management scope'],
      [
        'sec_securely_operate_automate_security_controls',
        'Automate deployment of standard security controls',
      ],
      [
        'sec_securely_operate_implement_services_features',
        'Evaluate and implement new security services and features regularly',
      ],
      ['sec_securely_operate_no', 'None of these'],
    ]),
    q('security', 'identities', 'How do you manage identities for people and machines?', [
      ['sec_identities_enforce_mechanisms', 'Use strong sign-in mechanisms'],
      ['sec_identities_unique', 'Use temporary credentials'],
      ['sec_identities_secrets', 'Store and use secrets securely'],
      ['sec_identities_identity_provider', 'Rely on a centralized identity provider'],
      ['sec_identities_audit', 'Audit and rotate credentials periodically'],
      ['sec_identities_groups_attributes', 'Employ user groups and attributes'],
      ['sec_identities_no', 'None of these'],
    ]),
    q('security', 'permissions', 'How do you manage permissions for people and machines?', [
      ['sec_permissions_define', 'Define access requirements'],
      ['sec_permissions_least_privileges', 'Grant least privilege access'],
      ['sec_permissions_define_guardrails', 'Define permission guardrails for your organization'],
      ['sec_permissions_lifecycle', 'Manage access based on lifecycle'],
      ['sec_permissions_emergency_process', 'Establish emergency access process'],
      ['sec_permissions_share_securely', 'Share resources securely within your organization'],
      ['sec_permissions_continuous_reduction', 'Reduce permissions continuously'],
      ['sec_permissions_share_securely_third_party', 'Share resources securely with a third party'],
      ['sec_permissions_analyze_cross_account', 'Analyze public and cross account access'],
      ['sec_permissions_no', 'None of these'],
    ]),
    q('security', 'detect-investigate-events', 'How do you detect and investigate security events?', [
      ['sec_detect_investigate_events_app_service_logging', 'Configure service and application logging'],
      ['sec_detect_investigate_events_logs', 'Capture logs, findings, and metrics in standardized locations'],
      [
        'sec_detect_investigate_events_noncompliant_resources',
        'Initiate remediation for non-compliant resources',
      ],
      ['sec_detect_investigate_events_security_alerts', 'Correlate and enrich security events'],
      ['sec_detect_investigate_events_no', 'None of these'],
    ]),
    q('security', 'network-protection', 'How do you protect your network resources?', [
      ['sec_network_protection_create_layers', 'Create network layers'],
      ['sec_network_protection_layered', 'Control traffic within your network layers'],
      ['sec_network_protection_inspection', 'Implement inspection-based protection'],
      ['sec_network_protection_auto_protect', 'Automate network protection'],
      ['sec_network_protection_no', 'None of these'],
    ]),
    q('security', 'protect-compute', 'How do you protect your compute resources?', [
      ['sec_protect_compute_vulnerability_management', 'Perform vulnerability management'],
      ['sec_protect_compute_hardened_images', 'Provision compute from hardened images'],
      ['sec_protect_compute_validate_software_integrity', 'Validate software integrity'],
      ['sec_protect_compute_reduce_manual_management', 'Reduce manual management and interactive access'],
      ['sec_protect_compute_auto_protection', 'Automate compute protection'],
      ['sec_protect_compute_no', 'None of these'],
    ]),
    q('security', 'data-classification', 'How do you classify your data?', [
      ['sec_data_classification_identify_data', 'Understand your data classification scheme'],
      [
        'sec_data_classification_define_protection',
        'Apply data protection controls based on data sensitivity',
      ],
      ['sec_data_classification_lifecycle_management', 'Define scalable data lifecycle management'],
      ['sec_data_classification_auto_classification', 'Automate identification and classification'],
      ['sec_data_classification_no', 'None of these'],
    ]),
    q('security', 'protect-data-rest', 'How do you protect your data at rest?', [
      ['sec_protect_data_rest_key_mgmt', 'Implement secure key management'],
      ['sec_protect_data_rest_encrypt', 'Enforce encryption at rest'],
      ['sec_protect_data_rest_automate_protection', 'Automate data at rest protection'],
      ['sec_protect_data_rest_access_control', 'Enforce access control'],
      ['sec_protect_data_rest_no', 'None of these'],
    ]),
    q('security', 'protect-data-transit', 'How do you protect your data in transit?', [
      ['sec_protect_data_transit_key_cert_mgmt', 'Implement secure key and certificate management'],
      ['sec_protect_data_transit_encrypt', 'Enforce encryption in transit'],
      ['sec_protect_data_transit_authentication', 'Authenticate network communications'],
      ['sec_protect_data_transit_no', 'None of these'],
    ]),
    q('security', 'incident-response', 'How do you anticipate, respond to, and recover from incidents?', [
      ['sec_incident_response_identify_personnel', 'Identify key personnel and external resources'],
      ['sec_incident_response_develop_management_plans', 'Develop incident management plans'],
      ['sec_incident_response_prepare_forensic', 'Prepare forensic capabilities'],
      ['sec_incident_response_playbooks', 'Develop and test security incident response playbooks'],
      ['sec_incident_response_pre_provision_access', 'Pre-provision access'],
      ['sec_incident_response_run_game_days', 'Run simulations'],
      [
        'sec_incident_response_establish_incident_framework',
        'Establish a framework for learning from incidents',
      ],
      ['sec_incident_response_pre_deploy_tools', 'Pre-deploy tools'],
      ['sec_incident_response_no', 'None of these'],
    ]),
    q(
      'security',
      'application-security',
      'How do you incorporate and validate the security properties of applications throughout the design, development, and deployment lifecycle?',
      [
        ['sec_appsec_perform_regular_penetration_testing', 'Perform regular penetration testing'],
        ['sec_appsec_deploy_software_programmatically', 'Deploy software programmatically'],
        [
          'sec_appsec_regularly_assess_security_properties_of_pipelines',
          'Regularly assess security properties of the pipelines',
        ],
        ['sec_appsec_train_for_application_security', 'Train for application security'],
        [
          'sec_appsec_automate_testing_throughout_lifecycle',
          'Automate testing throughout the development and release lifecycle',
        ],
        ['sec_appsec_manual_code_reviews', 'Manual code reviews'],
        [
          'sec_appsec_centralize_services_for_packages_and_dependencies',
          'Centralize services for packages and dependencies',
        ],
        [
          'sec_appsec_build_program_that_embeds_security_ownership_in_teams',
          'Build a program that embeds security ownership in workload teams',
        ],
        ['sec_appsec_no', 'None of these'],
      ],
    ),
    q('reliability', 'manage-service-limits', 'How do you manage service quotas and constraints?', [
      ['rel_manage_service_limits_aware_quotas_and_constraints', 'Aware of service quotas and constraints'],
      ['rel_manage_service_limits_limits_considered', 'Manage service quotas across accounts and Regions'],
      [
        'rel_manage_service_limits_aware_fixed_limits',
        'Accommodate fixed service quotas and constraints through architecture',
      ],
      ['rel_manage_service_limits_monitor_manage_limits', 'Monitor and manage quotas'],
      ['rel_manage_service_limits_automated_monitor_limits', 'Automate quota management'],
      [
        'rel_manage_service_limits_suff_buffer_limits',
        'Ensure that a sufficient gap exists between the current quotas and the maximum usage to accommodate failover',
      ],
      ['rel_manage_service_limits_no', 'None of these'],
    ]),
    q('reliability', 'planning-network-topology', 'How do you plan your network topology?', [
      [
        'rel_planning_network_topology_ha_conn_users',
        'Use highly available network connectivity for your workload public endpoints',
      ],
      [
        'rel_planning_network_topology_ha_conn_private_networks',
        'Provision redundant connectivity between private networks in the cloud and on-premises environments',
      ],
      [
        'rel_planning_network_topology_ip_subnet_allocation',
        'Ensure IP subnet allocation accounts for expansion and availability',
      ],
      [
        'rel_planning_network_topology_prefer_hub_and_spoke',
        'Prefer hub-and-spoke topologies over many-to-many mesh',
      ],
      [
        'rel_planning_network_topology_non_overlap_ip',
        'Enforce non-overlapping private IP address ranges in all private address spaces where they are connected',
      ],
      ['rel_planning_network_topology_no', 'None of these'],
    ]),
    q('reliability', 'service-architecture', 'How do you design your workload service architecture?', [
      ['rel_service_architecture_monolith_soa_microservice', 'Choose how to segment your workload'],
      [
        'rel_service_architecture_business_domains',
        'Build services focused on specific business domains and functionality',
      ],
      ['rel_service_architecture_api_contracts', 'Provide service contracts per API'],
      ['rel_service_architecture_no', 'None of these'],
    ]),
    q(
      'reliability',
      'prevent-interaction-failure',
      'How do you design interactions in a distributed system to prevent failures?',
      [
        [
          'rel_prevent_interaction_failure_identify',
          'Identify the kind of distributed systems you depend on',
        ],
        ['rel_prevent_interaction_failure_loosely_coupled_system', 'Implement loosely coupled dependencies'],
        ['rel_prevent_interaction_failure_idempotent', 'Make all responses idempotent'],
        ['rel_prevent_interaction_failure_constant_work', 'Do constant work'],
        ['rel_prevent_interaction_failure_no', 'None of these'],
      ],
    ),
    q(
      'reliability',
      'mitigate-interaction-failure',
      'How do you design interactions in a distributed system to mitigate or withstand failures?',
      [
        [
          'rel_mitigate_interaction_failure_graceful_degradation',
          'Implement graceful degradation to transform applicable hard dependencies into soft dependencies',
        ],
        ['rel_mitigate_interaction_failure_throttle_requests', 'Throttle requests'],
        ['rel_mitigate_interaction_failure_limit_retries', 'Control and limit retry calls'],
        ['rel_mitigate_interaction_failure_fail_fast', 'Fail fast and limit queues'],
        ['rel_mitigate_interaction_failure_client_timeouts', 'Set client timeouts'],
        ['rel_mitigate_interaction_failure_stateless', 'Make systems stateless where possible'],
        ['rel_mitigate_interaction_failure_emergency_levers', 'Implement emergency levers'],
        ['rel_mitigate_interaction_failure_no', 'None of these'],
      ],
    ),
    q('reliability', 'monitor-aws-resources', 'How do you monitor workload resources?', [
      ['rel_monitor_aws_resources_monitor_resources', 'Monitor all components for the workload (Generation)'],
      ['rel_monitor_aws_resources_notification_aggregation', 'Define and calculate metrics (Aggregation)'],
      [
        'rel_monitor_aws_resources_notification_monitor',
        'Send notifications (Real-time processing and alarming)',
      ],
      [
        'rel_monitor_aws_resources_automate_response_monitor',
        'Automate responses (Real-time processing and alarming)',
      ],
      ['rel_monitor_aws_resources_storage_analytics', 'Analyze logs'],
      ['rel_monitor_aws_resources_review_monitoring', 'Conduct reviews regularly'],
      ['rel_monitor_aws_resources_end_to_end', 'Monitor end-to-end tracing of requests through your system'],
      ['rel_monitor_aws_resources_no', 'None of these'],
    ]),
    q('reliability', 'adapt-to-changes', 'How do you design your workload to adapt to changes in demand?', [
      ['rel_adapt_to_changes_autoscale_adapt', 'Use automation when obtaining or scaling resources'],
      [
        'rel_adapt_to_changes_reactive_adapt_auto',
        'Obtain resources upon detection of impairment to a workload',
      ],
      [
        'rel_adapt_to_changes_proactive_adapt_auto',
        'Obtain resources upon detection that more resources are needed for a workload',
      ],
      ['rel_adapt_to_changes_load_tested_adapt', 'Load test your workload'],
      ['rel_adapt_to_changes_no', 'None of these'],
    ]),
    q('reliability', 'tracking-change-management', 'How do you implement change?', [
      [
        'rel_tracking_change_management_planned_changemgmt',
        'Use runbooks for standard activities such as deployment',
      ],
      [
        'rel_tracking_change_management_functional_testing',
        'Integrate functional testing as part of your deployment',
      ],
      [
        'rel_tracking_change_management_resiliency_testing',
        'Integrate resiliency testing as part of your deployment',
      ],
      ['rel_tracking_change_management_immutable_infrastructure', 'Deploy using immutable infrastructure'],
      ['rel_tracking_change_management_automated_changemgmt', 'Deploy changes with automation'],
      ['rel_tracking_change_management_no', 'None of these'],
    ]),
    q('reliability', 'backing-up-data', 'How do you back up data?', [
      [
        'rel_backing_up_data_identified_backups_data',
        'Identify and back up all data that needs to be backed up, or reproduce the data from sources',
      ],
      ['rel_backing_up_data_secured_backups_data', 'Secure and encrypt backups'],
      ['rel_backing_up_data_automated_backups_data', 'Perform data backup automatically'],
      [
        'rel_backing_up_data_periodic_recovery_testing_data',
        'Perform periodic recovery of the data to verify backup integrity and processes',
      ],
      ['rel_backing_up_data_no', 'None of these'],
    ]),
    q('reliability', 'fault-isolation', 'How do you use fault isolation to protect your workload?', [
      ['rel_fault_isolation_multiaz_region_system', 'Deploy the workload to multiple locations'],
      [
        'rel_fault_isolation_select_location',
        'Select the appropriate locations for your multi-location deployment',
      ],
      ['rel_fault_isolation_use_bulkhead', 'Use bulkhead architectures to limit scope of impact'],
      [
        'rel_fault_isolation_single_az_system',
        'Automate recovery for components constrained to a single location',
      ],
      ['rel_fault_isolation_no', 'None of these'],
    ]),
    q(
      'reliability',
      'withstand-component-failures',
      'How do you design your workload to withstand component failures?',
      [
        [
          'rel_withstand_component_failures_monitoring_health',
          'Monitor all components of the workload to detect failures',
        ],
        ['rel_withstand_component_failures_failover2good', 'Fail over to healthy resources'],
        ['rel_withstand_component_failures_auto_healing_system', 'Automate healing on all layers'],
        [
          'rel_withstand_component_failures_avoid_control_plane',
          'Rely on the data plane and not the control plane during recovery',
        ],
        [
          'rel_withstand_component_failures_static_stability',
          'Use static stability to prevent bimodal behavior',
        ],
        [
          'rel_withstand_component_failures_notifications_sent_system',
          'Send notifications when events impact availability',
        ],
        [
          'rel_withstand_component_failures_service_level_agreements',
          'Architect your product to meet availability targets and uptime service level agreements (SLAs)',
        ],
        ['rel_withstand_component_failures_no', 'None of these'],
      ],
    ),
    q('reliability', 'testing-resiliency', 'How do you test reliability?', [
      ['rel_testing_resiliency_playbook_resiliency', 'Use playbooks to investigate failures'],
      ['rel_testing_resiliency_rca_resiliency', 'Perform post-incident analysis'],
      ['rel_testing_resiliency_test_non_functional', 'Test scaling and performance requirements'],
      ['rel_testing_resiliency_failure_injection_resiliency', 'Test resiliency using chaos engineering'],
      ['rel_testing_resiliency_game_days_resiliency', 'Conduct game days regularly'],
      ['rel_testing_resiliency_no', 'None of these'],
    ]),
    q('reliability', 'planning-for-recovery', 'How do you plan for disaster recovery (DR)?', [
      [
        'rel_planning_for_recovery_objective_defined_recovery',
        'Define recovery objectives for downtime and data loss',
      ],
      [
        'rel_planning_for_recovery_disaster_recovery',
        'Use defined recovery strategies to meet the recovery objectives',
      ],
      [
        'rel_planning_for_recovery_dr_tested',
        'Test disaster recovery implementation to validate the implementation',
      ],
      ['rel_planning_for_recovery_config_drift', 'Manage configuration drift at the DR site or Region'],
      ['rel_planning_for_recovery_auto_recovery', 'Automate recovery'],
      ['rel_planning_for_recovery_no', 'None of these'],
    ]),
    q(
      'performance',
      'performing-architecture',
      'How do you select the appropriate cloud resources and architecture patterns for your workload?',
      [
        [
          'perf_architecture_understand_cloud_services_and_features',
          'Learn about and understand available cloud services and features',
        ],
        [
          'perf_architecture_evaluate_trade_offs',
          'Evaluate how trade-offs impact customers and architecture efficiency',
        ],
        [
          'perf_architecture_guidance_architecture_patterns_best_practices',
          'Use guidance from your cloud provider or an appropriate partner to learn about architecture patterns and best practices',
        ],
        [
          'perf_architecture_factor_cost_into_architectural_decisions',
          'Factor cost into architectural decisions',
        ],
        [
          'perf_architecture_use_policies_and_reference_architectures',
          'Use policies and reference architectures',
        ],
        ['perf_architecture_use_benchmarking', 'Use benchmarking to drive architectural decisions'],
        [
          'perf_architecture_use_data_driven_approach',
          'Use a data-driven approach for architectural choices',
        ],
        ['perf_performing_architecture_no', 'None of these'],
      ],
    ),
    q('performance', 'compute-hardware', 'How do you select and use compute resources in your workload?', [
      [
        'perf_compute_hardware_select_best_compute_options',
        'Select the best compute options for your workload',
      ],
      ['perf_compute_hardware_collect_compute_related_metrics', 'Collect compute-related metrics'],
      [
        'perf_compute_hardware_scale_compute_resources_dynamically',
        'Scale your compute resources dynamically',
      ],
      [
        'perf_compute_hardware_understand_compute_configuration_features',
        'Understand the available compute configuration and features',
      ],
      [
        'perf_compute_hardware_configure_and_right_size_compute_resources',
        'Configure and right-size compute resources',
      ],
      ['perf_compute_hardware_compute_accelerators', 'Use optimized hardware-based compute accelerators'],
      ['perf_compute_hardware_no', 'None of these'],
    ]),
    q('performance', 'data-management', 'How do you store, manage, and access data in your workload?', [
      [
        'perf_data_use_purpose_built_data_store',
        'Use purpose-built data store that best support your data access and storage requirements',
      ],
      [
        'perf_data_collect_record_data_store_performance_metrics',
        'Collect and record data store performance metrics',
      ],
      [
        'perf_data_evaluate_configuration_options_data_store',
        'Evaluate available configuration options for data store',
      ],
      [
        'perf_data_implement_strategies_to_improve_query_performance',
        'Implement strategies to improve query performance in data store',
      ],
      ['perf_data_access_patterns_caching', 'Implement data access patterns that utilize caching'],
      ['perf_data_no', 'None of these'],
    ]),
    q('performance', 'networking', 'How do you select and configure networking resources in your workload?', [
      [
        'perf_networking_understand_how_networking_impacts_performance',
        'Understand how networking impacts performance',
      ],
      ['perf_networking_evaluate_networking_features', 'Evaluate available networking features'],
      [
        'perf_networking_choose_appropriate_dedicated_connectivity_or_vpn',
        'Choose appropriate dedicated connectivity or VPN for your workload',
      ],
      [
        'perf_networking_load_balancing_distribute_traffic',
        'Use load balancing to distribute traffic across multiple resources',
      ],
      [
        'perf_networking_choose_network_protocols_improve_performance',
        'Choose network protocols to improve performance',
      ],
      [
        'perf_networking_choose_workload_location_network_requirements',
        "Choose your workload's location based on network requirements",
      ],
      [
        'perf_networking_optimize_network_configuration_based_on_metrics',
        'Optimize network configuration based on metrics',
      ],
      ['perf_networking_no', 'None of these'],
    ]),
    q(
      'performance',
      'process-culture',
      'What process do you use to support more performance efficiency for your workload?',
      [
        [
          'perf_process_culture_establish_key_performance_indicators',
          'Establish key performance indicators (KPIs) to measure workload health and performance',
        ],
        [
          'perf_process_culture_use_monitoring_solutions',
          'Use monitoring solutions to understand the areas where performance is most critical',
        ],
        ['perf_process_culture_workload_performance', 'Define a process to improve workload performance'],
        ['perf_process_culture_review_metrics', 'Review metrics at regular intervals'],
        ['perf_process_culture_load_test', 'Load test your workload'],
        [
          'perf_process_culture_automation_remediate_issues',
          'Use automation to proactively remediate performance-related issues',
        ],
        [
          'perf_process_culture_keep_workload_and_services_up_to_date',
          'Keep your workload and services up-to-date',
        ],
        ['perf_process_culture_no', 'None of these'],
      ],
    ),
    q('costOptimization', 'cloud-financial-management', 'How do you implement cloud financial management?', [
      ['cost_cloud_financial_management_function', 'Establish ownership of cost optimization'],
      [
        'cost_cloud_financial_management_partnership',
        'Establish a partnership between finance and technology',
      ],
      ['cost_cloud_financial_management_budget_forecast', 'Establish cloud budgets and forecasts'],
      [
        'cost_cloud_financial_management_cost_awareness',
        'Implement cost awareness in your organizational processes',
      ],
      ['cost_cloud_financial_management_proactive_process', 'Monitor cost proactively'],
      ['cost_cloud_financial_management_scheduled', 'Keep up-to-date with new service releases'],
      ['cost_cloud_financial_management_quantify_value', 'Quantify business value from cost optimization'],
      ['cost_cloud_financial_management_usage_report', 'Report and notify on cost optimization'],
      ['cost_cloud_financial_management_culture', 'Create a cost-aware culture'],
      ['cost_cloud_financial_management_no', 'None of these'],
    ]),
    q('costOptimization', 'govern-usage', 'How do you govern usage?', [
      ['cost_govern_usage_policies', 'Develop policies based on your organization requirements'],
      ['cost_govern_usage_goal_target', 'Implement goals and targets'],
      ['cost_govern_usage_account_structure', 'Implement an account structure'],
      ['cost_govern_usage_controls', 'Implement cost controls'],
      ['cost_govern_usage_groups_roles', 'Implement groups and role'],
      ['cost_govern_usage_track_lifecycle', 'Track project lifecycle'],
      ['cost_govern_usage_no', 'None of these'],
    ]),
    q('costOptimization', 'monitor-usage', 'How do you monitor your cost and usage?', [
      ['cost_monitor_usage_detailed_source', 'Configure detailed information sources'],
      ['cost_monitor_usage_define_attribution', 'Identify cost attribution categories'],
      ['cost_monitor_usage_define_kpi', 'Establish organization metrics'],
      ['cost_monitor_usage_config_tools', 'Configure billing and cost management tools'],
      ['cost_monitor_usage_org_information', 'Add organization information to cost and usage'],
      ['cost_monitor_usage_allocate_outcome', 'Allocate costs based on workload metrics'],
      ['cost_monitor_usage_no', 'None of these'],
    ]),
    q('costOptimization', 'decomissioning-resources', 'How do you decommission resources?', [
      ['cost_decomissioning_resources_track', 'Track resources over their life time'],
      ['cost_decomissioning_resources_implement_process', 'Implement a decommissioning process'],
      ['cost_decomissioning_resources_decommission', 'Decommission resources'],
      ['cost_decomissioning_resources_data_retention', 'Enforce data retention policies'],
      ['cost_decomissioning_resources_decomm_automated', 'Decommission resources automatically'],
      ['cost_decomissioning_resources_no', 'None of these'],
    ]),
    q('costOptimization', 'select-service', 'How do you evaluate cost when you select services?', [
      ['cost_select_service_requirements', 'Identify organization requirements for cost'],
      ['cost_select_service_analyze_all', 'Analyze all components of this workload'],
      ['cost_select_service_thorough_analysis', 'Perform a thorough analysis of each component'],
      [
        'cost_select_service_select_for_cost',
        'Select components of this workload to optimize cost in line with organization priorities',
      ],
      ['cost_select_service_analyze_over_time', 'Perform cost analysis for different usage over time'],
      ['cost_select_service_licensing', 'Select software with cost effective licensing'],
      ['cost_select_service_no', 'None of these'],
    ]),
    q(
      'costOptimization',
      'type-size-number-resources',
      'How do you meet cost targets when you select resource type, size and number?',
      [
        ['cost_type_size_number_resources_cost_modeling', 'Perform cost modeling'],
        ['cost_type_size_number_resources_data', 'Select resource type, size, and number based on data'],
        ['cost_type_size_number_resources_shared', 'Consider using shared resources'],
        [
          'cost_type_size_number_resources_metrics',
          'Select resource type, size, and number automatically based on metrics',
        ],
        ['cost_type_size_number_resources_no', 'None of these'],
      ],
    ),
    q('costOptimization', 'pricing-model', 'How do you use pricing models to reduce cost?', [
      ['cost_pricing_model_analysis', 'Perform pricing model analysis'],
      ['cost_pricing_model_region_cost', 'Choose Regions based on cost'],
      ['cost_pricing_model_third_party', 'Select third-party agreements with cost-efficient terms'],
      ['cost_pricing_model_implement_models', 'Implement pricing models for all components of this workload'],
      [
        'cost_pricing_model_master_analysis',
        'Perform pricing model analysis at the management account level',
      ],
      ['cost_pricing_model_no', 'None of these'],
    ]),
    q('costOptimization', 'data-transfer', 'How do you plan for data transfer charges?', [
      ['cost_data_transfer_modeling', 'Perform data transfer modeling'],
      ['cost_data_transfer_optimized_components', 'Select components to optimize data transfer cost'],
      ['cost_data_transfer_implement_services', 'Implement services to reduce data transfer costs'],
      ['cost_data_transfer_no', 'None of these'],
    ]),
    q('costOptimization', 'manage-demand-resources', 'How do you manage demand, and supply resources?', [
      ['cost_manage_demand_resources_cost_analysis', 'Perform an analysis on the workload demand'],
      ['cost_manage_demand_resources_buffer_throttle', 'Implement a buffer or throttle to manage demand'],
      ['cost_manage_demand_resources_dynamic', 'Supply resources dynamically'],
      ['cost_manage_demand_resources_no', 'None of these'],
    ]),
    q('costOptimization', 'evaluate-new-services', 'How do you evaluate new services?', [
      ['cost_evaluate_new_services_review_process', 'Develop a workload review process'],
      ['cost_evaluate_new_services_review_workload', 'Review and analyze this workload regularly'],
      ['cost_evaluate_new_services_no', 'None of these'],
    ]),
    q('costOptimization', 'evaluate-cost-effort', 'How do you evaluate the cost of effort?', [
      ['cost_evaluate_cost_effort_automations_operations', 'Perform automation for operations'],
      ['cost_evaluate_cost_effort_no', 'None of these'],
    ]),
    q('sustainability', 'sus_region', 'How do you select Regions for your workload?', [
      ['sus_sus_region_a2', 'Choose Region based on both business requirements and sustainability goals'],
      ['sus_sus_region_no', 'None of these'],
    ]),
    q('sustainability', 'sus_user', 'How do you align cloud resources to your demand?', [
      ['sus_sus_user_a2', 'Scale workload infrastructure dynamically'],
      ['sus_sus_user_a3', 'Align SLAs with sustainability goals'],
      [
        'sus_sus_user_a5',
        'Optimize geographic placement of workloads based on their networking requirements',
      ],
      ['sus_sus_user_a4', 'Stop the creation and maintenance of unused assets'],
      ['sus_sus_user_a6', 'Optimize team member resources for activities performed'],
      ['sus_sus_user_a7', 'Implement buffering or throttling to flatten the demand curve'],
      ['sus_sus_user_no', 'None of these'],
    ]),
    q(
      'sustainability',
      'sus_software',
      'How do you take advantage of software and architecture patterns to support your sustainability goals?',
      [
        ['sus_sus_software_a2', 'Optimize software and architecture for asynchronous and scheduled jobs'],
        ['sus_sus_software_a3', 'Remove or refactor workload components with low or no use'],
        ['sus_sus_software_a4', 'Optimize areas of code that consume the most time or resources'],
        ['sus_sus_software_a5', 'Optimize impact on devices and equipment'],
        [
          'sus_sus_software_a6',
          'Use software patterns and architectures that best support data access and storage patterns',
        ],
        ['sus_sus_software_no', 'None of these'],
      ],
    ),
    q(
      'sustainability',
      'sus_data',
      'How do you take advantage of data management policies and patterns to support your sustainability goals?',
      [
        ['sus_sus_data_a2', 'Implement a data classification policy'],
        ['sus_sus_data_a3', 'Use technologies that support data access and storage patterns'],
        ['sus_sus_data_a4', 'Use policies to manage the lifecycle of your datasets'],
        ['sus_sus_data_a6', 'Remove unneeded or redundant data'],
        ['sus_sus_data_a7', 'Use shared file systems or storage to access common data'],
        ['sus_sus_data_a9', 'Back up data only when difficult to recreate'],
        ['sus_sus_data_a5', 'Use elasticity and automation to expand block storage or file system'],
        ['sus_sus_data_a8', 'Minimize data movement across networks'],
        ['sus_sus_data_no', 'None of these'],
      ],
    ),
    q(
      'sustainability',
      'sus_hardware',
      'How do you select and use cloud hardware and services in your architecture to support your sustainability goals?',
      [
        ['sus_sus_hardware_a2', 'Use the minimum amount of hardware to meet your needs'],
        ['sus_sus_hardware_a3', 'Use instance types with the least impact'],
        ['sus_sus_hardware_a4', 'Use managed services'],
        ['sus_sus_hardware_a5', 'Optimize your use of hardware-based compute accelerators'],
        ['sus_sus_hardware_no', 'None of these'],
      ],
    ),
    q(
      'sustainability',
      'sus_dev',
      'How do your organizational processes support your sustainability goals?',
      [
        ['sus_sus_dev_a2', 'Adopt methods that can rapidly introduce sustainability improvements'],
        ['sus_sus_dev_a3', 'Keep your workload up-to-date'],
        ['sus_sus_dev_a4', 'Increase utilization of build environments'],
        ['sus_sus_dev_a5', 'Use managed device farms for testing'],
        ['sus_sus_dev_no', 'None of these'],
      ],
    ),
  ],
};

/**
 * Serverless Lens: 9 questions over five pillars (no sustainability questions). Its version is not
 * in the reference notes; `2023-04-26` stands in for it (ids are from reference section 7.3).
 */
export const serverlessLens: WaLens = {
  LensAlias: 'serverless',
  LensArn: 'arn:aws:wellarchitected::aws:lens/serverless',
  LensName: 'Serverless Lens',
  LensVersion: '2023-04-26',
  Description:
    'The Serverless Lens covers the AWS Well-Architected best practices for designing, deploying, and architecting serverless application workloads.',
  docsBase: 'https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/',
  Pillars: frameworkPillars.filter((p) => p.PillarId !== 'sustainability'),
  Questions: [
    q('costOptimization', 'cost_q1', "How do you optimize your Serverless application's costs?", [
      ['cost_cost_q1_a1', 'Minimize external calls and function code initialization'],
      ['cost_cost_q1_a2', 'Optimize logging output and its retention'],
      ['cost_cost_q1_a3', 'Optimize function configuration to reduce cost'],
      ['cost_cost_q1_a4', 'Use cost-aware usage patterns in code'],
      ['cost_cost_q1_no', 'None of these'],
    ]),
    q('operationalExcellence', 'ops_q1', "How do you evaluate your Serverless application's health?", [
      ['ops_ops_q1_a1', 'Understand, analyze, and alert on metrics provided out of the box'],
      ['ops_ops_q1_a3', 'Use distributed tracing and code is instrumented with additional context'],
      ['ops_ops_q1_a4', 'Use structured and centralized logging'],
      ['ops_ops_q1_a2', 'Use application, business, and operations metrics'],
      ['ops_ops_q1_no', 'None of these'],
    ]),
    q('operationalExcellence', 'ops_q2', 'How do you approach application lifecycle management?', [
      ['ops_ops_q2_a1', 'Use infrastructure as code and stages isolated in separate environments'],
      ['ops_ops_q2_a2', 'Prototype new features using temporary environments'],
      ['ops_ops_q2_a3', 'Use a rollout deployment mechanism'],
      ['ops_ops_q2_a5', 'Use configuration management'],
      ['ops_ops_q2_a6', 'Review the function runtime deprecation policy'],
      ['ops_ops_q2_a4', 'Use CI/CD including automated testing across separate accounts'],
      ['ops_ops_q2_no', 'None of these'],
    ]),
    q('performance', 'perf_q1', "How do you optimize your Serverless application's performance?", [
      ['perf_perf_q1_a3', 'Measure, evaluate, and select optimum capacity units'],
      ['perf_perf_q1_a1', 'Measure and optimize function startup time'],
      ['perf_perf_q1_a2', 'Take advantage of concurrency via async and stream-based function invocations'],
      ['perf_perf_q1_a5', 'Optimize access patterns and apply caching where applicable'],
      ['perf_perf_q1_a4', 'Integrate with managed services directly over functions when possible'],
      ['perf_perf_q1_no', 'None of these'],
    ]),
    q('reliability', 'rel_q1', 'How do you regulate inbound request rates?', [
      ['rel_rel_q1_a1', 'Use throttling to control inbound request rates'],
      ['rel_rel_q1_a2', 'Use, analyze, and enforce API quotas'],
      ['rel_rel_q1_a3', 'Use mechanisms to protect non-scalable resources'],
      ['rel_rel_q1_no', 'None of these'],
    ]),
    q('reliability', 'rel_q2', 'How do you build resiliency into your Serverless application?', [
      ['rel_rel_q2_a1', 'Manage transaction, partial, and intermittent failures'],
      ['rel_rel_q2_a3', 'Manage duplicate and unwanted events'],
      ['rel_rel_q2_a2', 'Orchestrate long-running transactions'],
      ['rel_rel_q2_a4', 'Consider scaling patterns at burst rates'],
      ['rel_rel_q2_no', 'None of these'],
    ]),
    q('security', 'sec_q1', 'How do you control access to your Serverless API?', [
      ['sec_sec_q1_a3', 'Use appropriate endpoint type and mechanisms to secure access to your API'],
      ['sec_sec_q1_a1', 'Use authentication and authorization mechanisms'],
      ['sec_sec_q1_a2', "Scope access based on identity's metadata"],
      ['sec_sec_q1_no', 'None of these'],
    ]),
    q('security', 'sec_q2', "How do you manage your Serverless application's security boundaries?", [
      ['sec_sec_q2_a1', 'Evaluate and define resource policies'],
      ['sec_sec_q2_a4', 'Use temporary credentials between resources and components'],
      ['sec_sec_q2_a2', 'Control network traffic at all layers'],
      ['sec_sec_q2_a3', 'Design smaller, single purpose functions'],
      ['sec_sec_q2_no', 'None of these'],
    ]),
    q('security', 'sec_q3', 'How do you implement application Security in your workload?', [
      ['sec_sec_q3_a1', 'Review security awareness documents frequently'],
      ['sec_sec_q3_a4', 'Store secrets that are used in your code securely'],
      ['sec_sec_q3_a2', 'Implement runtime protection to help prevent against malicious code execution'],
      ['sec_sec_q3_a3', "Automatically review workload's code dependencies/libraries"],
      ['sec_sec_q3_a5', 'Validate inbound events'],
      ['sec_sec_q3_no', 'None of these'],
    ]),
  ],
};

/** The official lenses by alias, in the order ListLenses returns them. */
export const officialLenses: readonly WaLens[] = [wellArchitectedLens, serverlessLens];

/** Resolves an alias or an official lens ARN (global `arn:aws:wellarchitected::aws:lens/x` or regional `arn:aws:wellarchitected:<region>::lens/x`). */
export function findOfficialLens(aliasOrArn: string): WaLens | undefined {
  const m = /^arn:aws[\w-]*:wellarchitected:[\w-]*:(?:aws)?:lens\/([\w-]+)$/.exec(aliasOrArn);
  const alias = m ? (m[1] as string) : aliasOrArn;
  return officialLenses.find((l) => l.LensAlias === alias);
}
